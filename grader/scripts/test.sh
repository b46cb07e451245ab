#!/usr/bin/env bash
# test.sh LAB... - the whole test suite behind `make test`.
#
# For every lab it proves:
#   1. every test passes against solutions/            (build/sol)
#   2. ... and again under AddressSanitizer + UBSan   (build/asan)
#   3. ... and under valgrind, with no leak or error  (CK_FORK=no)
#   4. every graded test fails against the untouched skeleton, and the
#      test runner survives it                        (build/skel)
#   5. every example prints its .expected output, in C and (where python3
#      exists) in Python with asyncio; every Python block of the handout
#      and hints, and every claim of the playground, is what CPython says
#      (grader/scripts/pycheck.py)
#   6. the grader gives the solution full marks and the skeleton zero
# then runs the grader's and the shell's own suites (grader/tests/run.sh,
# labs/tests/run.sh) when they exist.  It ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
root=$PWD
: "${BUILD:=build}" "${BIN:=bin}"
case $BUILD in /*) root=;; esac
case $BIN in /*) ;; *) BIN=$PWD/$BIN;; esac

labs=("$@")
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for lab in "${labs[@]}"; do
    section "$lab"
    prog=check_$lab

    # 1. solutions
    if out=$($BUILD/sol/$lab/$prog --quiet 2>&1); then
        pass "$lab: every test passes against solutions/"
    else
        fail "$lab: tests fail against solutions/" "$out"
    fi

    # 2. sanitizers
    if out=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
             $BUILD/asan/$lab/$prog --quiet 2>&1); then
        pass "$lab: solutions clean under ASan+UBSan"
    else
        fail "$lab: ASan/UBSan report" "$out"
    fi

    # 3. valgrind (in-process, so that leaks are seen)
    if command -v valgrind >/dev/null 2>&1; then
        if out=$(CK_FORK=no valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
                 --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
                 $BUILD/sol/$lab/$prog --quiet 2>&1); then
            pass "$lab: solutions valgrind-clean"
        else
            fail "$lab: valgrind report" "$out"
        fi
    else
        fail "$lab: valgrind is not installed" "run: apt-get install valgrind"
    fi

    # 4. skeleton: every test in the points table must run and fail
    points=$lab/tests/points.txt
    $BUILD/iso/$lab/$prog --quiet --tap "$tmp/skel.tap" >"$tmp/skel.out" 2>&1
    status=$?
    if [ $status -gt 1 ]; then
        fail "$lab: the test runner crashed on the skeleton (status $status)" "$(tail -5 "$tmp/skel.out")"
    else
        passed=$(grep -c '^ok ' "$tmp/skel.tap")
        ran=$(grep -cE '^(not )?ok ' "$tmp/skel.tap")
        listed=$(grep -cvE '^\s*(#|$)' "$points")
        if [ "$passed" -ne 0 ]; then
            fail "$lab: $passed graded test(s) pass against the untouched skeleton" \
                 "$(grep '^ok ' "$tmp/skel.tap")"
        elif [ "$ran" -ne "$listed" ]; then
            fail "$lab: $ran tests ran on the skeleton, points.txt lists $listed"
        else
            pass "$lab: all $ran graded tests fail against the skeleton, runner intact"
        fi
    fi

    # 5. examples: C, then the Python twin
    for name in $(lab_var "$lab" examples); do
        want=$lab/examples/$name.expected
        if [ ! -f "$want" ]; then
            fail "$lab/examples/$name: no $name.expected"
            continue
        fi
        if got=$(cd "$lab/examples" && timeout 60 "$root/$BUILD/sol/$lab/examples/$name" 2>&1) &&
           [ "$got" == "$(cat "$want")" ]; then
            pass "$lab/examples/$name.c prints $name.expected"
        else
            fail "$lab/examples/$name.c differs from $name.expected" \
                 "$(diff <(echo "$got") "$want" | head -20)"
        fi
        if command -v valgrind >/dev/null 2>&1; then
            if ! vout=$(cd "$lab/examples" && valgrind -q --leak-check=full \
                        --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
                        "$root/$BUILD/sol/$lab/examples/$name" 2>&1 >/dev/null); then
                fail "$lab/examples/$name: valgrind report" "$vout"
            fi
        fi
        if [ $have_python = 1 ]; then
            if got=$(cd "$lab/examples" && timeout 60 python3 "$name.py" 2>&1) &&
               [ "$got" == "$(cat "$want")" ]; then
                pass "$lab/examples/$name.py (CPython) prints $name.expected"
            else
                fail "$lab/examples/$name.py differs from $name.expected" \
                     "$(diff <(echo "$got") "$want" | head -20)"
            fi
        fi
    done

    # 5b. every Python line the handout, the hints and the playground show
    if out=$(python3 grader/scripts/pycheck.py "$lab" 2>&1); then
        pass "$lab: CPython prints what its handout, hints and playground say ($(tail -1 <<<"$out"))"
    else
        fail "$lab: CPython disagrees with its handout, hints or playground" "$(grep -A12 FAIL <<<"$out")"
    fi

    # 6. the grader: full marks for the solution, zero for the skeleton
    if $BIN/grader --help >/dev/null 2>&1; then
        for who in solutions/$lab $lab; do
            if ! json=$($BIN/grader --lab "$lab" --submission "$who" --format json 2>"$tmp/gerr"); then
                fail "grader on $who exited non-zero" "$(cat "$tmp/gerr")"
                continue
            fi
            score=$(json_number "$json" score)
            max=$(json_number "$json" max_score)
            if [ "$who" = "$lab" ]; then
                [ "$score" = 0 ] && pass "grader: skeleton of $lab scores 0 / $max" ||
                    fail "grader: skeleton of $lab scores $score / $max, expected 0"
            else
                [ -n "$score" ] && [ "$score" = "$max" ] && [ "${max%.*}" -ge 100 ] &&
                    pass "grader: solution of $lab scores $score / $max" ||
                    fail "grader: solution of $lab scores $score / $max, expected full marks (>= 100)"
            fi
        done
    else
        fail "$BIN/grader does not answer --help"
    fi
done

# make mutate's tool, on a dozen mutants of lab01 (its full run is `make mutate`).
section "make mutate --quick"
if out=$(/usr/bin/python3 grader/scripts/mutate.py --lab lab01_generators --quick --min 90 2>&1); then
    pass "mutate --quick: $(tail -1 <<<"$out")"
else
    fail "mutate --quick lab01_generators" "$out"
fi

# make bench's programs, small and once each: they run on every side and
# make a well-formed table (never how fast anything is).
section "make bench --quick"
if out=$(bash grader/scripts/bench.sh --quick "${labs[@]}" 2>&1); then
    pass "bench --quick: $(grep -cE '^\| [^*w]' <<<"$out") workloads, one table; $(grep '^uvloop:' <<<"$out")"
else
    fail "bench --quick" "$out"
fi

# The grader's and the shell's own suites.
for suite in grader/tests/run.sh grader/tests/course.sh labs/tests/run.sh; do
    [ -f "$suite" ] || continue
    section "$suite"
    if out=$(bash "$suite" 2>&1); then
        pass "$suite" "$(tail -3 <<<"$out")"
    else
        fail "$suite" "$out"
    fi
done

summary
