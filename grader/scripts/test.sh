#!/usr/bin/env bash
# test.sh LAB... - the whole test suite behind `make test`.
#
# For every lab it proves:
#   1. every test passes against solutions/            (build/sol)
#   2. ... and again under AddressSanitizer + UBSan   (build/asan)
#   3. ... and under valgrind, with no leak or error  (CK_FORK=no)
#   4. every graded test fails against the pristine skeleton (as committed),
#      the test runner survives it, and the steps line up (steps.sh): step
#      k of the reference passes the tests of steps 1..k, no test calls a
#      later step's function, the handout/hints/TODOs follow the manifest
#   5. every example prints its .expected output, in C and in Python with
#      asyncio (python3 is installed by deps.sh; a skip is named); every
#      Python block of the handout and hints, and every claim of the
#      playground, is what CPython says (grader/scripts/pycheck.py)
#   6. the grader gives the solution full marks and the pristine skeleton zero
# then runs the grader's and the shell's own suites (grader/tests/run.sh, speed.sh,
# labs/tests/run.sh) when they exist.  It ends with
# "N passed, N failed, N skipped", every skip named above it.
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
source grader/scripts/steps.sh
root=$PWD
: "${BUILD:=build}" "${BIN:=bin}"
case $BUILD in /*) root=;; esac
case $BIN in /*) ;; *) BIN=$PWD/$BIN;; esac

labs=("$@")

# Labs whose failing step checks are counted as skipped and named, never as
# passed (say why here when one is added; a lab leaves the list once its
# checks pass).  None today: the call check sees the calls the tests make
# as they run (steps.sh), no longer every call their helpers could make.
: "${STEPS_PENDING=}"

# judge_steps LAB WHAT PROBLEMS: pass when there are none
judge_steps() {
    if [ -z "$3" ]; then
        pass "$1: $2"
    elif [[ " $STEPS_PENDING " == *" $1 "* ]]; then
        skip "steps of $1: $2" "$1 is in STEPS_PENDING (grader/scripts/test.sh says why)"
        printf '%s\n' "$3" | head -12 | sed "s/^/        $c_dim/; s/\$/$c_off/"
    else
        fail "$1: $2" "$3"
    fi
}
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

    # 4. the pristine skeleton (as committed: steps.sh says why) fails
    #    every graded test, and each step k of the reference makes the
    #    tests of steps 1..k pass (the hybrid programs of steps.sh)
    sdir=$tmp/steps/$lab
    if why=$(step_programs "$lab" "$sdir"); then
        check_skeleton "$lab" "$sdir"
        judge_steps "$lab" "step k of the reference passes the tests of steps 1..k" \
            "$(check_steps "$lab" "$sdir")"
        judge_steps "$lab" "no test calls a function of a later step" "$(check_calls "$lab" "$sdir")"
        judge_steps "$lab" "handout, hints and TODO markers follow the manifest's steps" \
            "$(check_headings "$lab" "$sdir")"
    else
        fail "$lab: the skeleton and step programs do not build" "$why"
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
        if [ $have_python = 0 ]; then
            skip "$lab/examples/$name.py (CPython)" "no python3 on this machine"
        else
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
        for who in solutions/$lab "$sdir/skel"; do
            if ! json=$($BIN/grader --lab "$lab" --submission "$who" --format json 2>"$tmp/gerr"); then
                fail "grader on $who exited non-zero" "$(cat "$tmp/gerr")"
                continue
            fi
            score=$(json_number "$json" score)
            max=$(json_number "$json" max_score)
            if [ "$who" = "$sdir/skel" ]; then
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

# The manifest reader itself (common/co_lab.c through labinfo): a malformed
# lab.mk is refused with FILE:LINE and a reason; earlier labs are taken
# transitively; points are decimals.
section "the lab manifest reader"
mroot=$tmp/manifests
mk() { mkdir -p "$mroot/$1"; printf '%b' "$2" >"$mroot/$1/lab.mk"; }
good='student a.c\ntests tests/check_main.c\nstep 1 One\nfuncs f\ntest test_one 2.5\n'
mk lab07_a "lab lab07_a\n$good"
mk lab08_b "lab lab08_b\ndeps lab07_a\n$good"
mk lab09_c "lab lab09_c\ndeps lab08_b\n$good"
info() { lab_var --root "$mroot" "$@"; }
[ "$(info lab09_c deps)" = "lab07_a lab08_b" ] && [ "$(info lab09_c max-points)" = 2.5 ] &&
    pass "labinfo: earlier labs transitively, earliest first; decimal points" ||
    fail "labinfo: closure or points" "deps: $(info lab09_c deps 2>&1); max: $(info lab09_c max-points 2>&1)"
mk lab09_d "lab lab09_d\n${good}step 2 Two\ntest test_two 1\nspeed fast 20000 1.5\n"
[ "$(info lab09_d speed)" = "fast 20000 1.5 2" ] && [ "$(info lab09_d max-points)" = 5 ] &&
    [ -z "$(info lab09_c speed)" ] &&
    pass "labinfo: the speed part (name, operations, points, step) counts in the points" ||
    fail "labinfo: the speed part" "speed: $(info lab09_d speed 2>&1); max: $(info lab09_d max-points 2>&1)"
n=0
while IFS='|' read -r body want; do
    n=$((n + 1))
    mk lab06_bad "$body"
    if out=$(info --check lab06_bad 2>&1); then
        fail "labinfo accepts a malformed manifest ($want)" "$(cat "$mroot/lab06_bad/lab.mk")"
    elif ! grep -q "lab06_bad/lab.mk:[0-9]*: .*$want\|lab06_bad/lab.mk: .*$want" <<<"$out"; then
        fail "labinfo's message for a malformed manifest ($want)" "$out"
    else
        pass "labinfo refuses: ${out#labinfo: $mroot/}"
    fi
done <<'CASES'
lab lab06_bad\nlab lab06_bad\n|given twice
lab lab06_other\n|must be the folder
lab lab06_bad\nstudent a.c\ntests t.c\nstep 2 Two\ntest test_x 1\n|step 2 comes after step 0
lab lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\ntest test_x many\n|the points must be a number
lab lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\ntest test_x 1\ntest test_x 2\n|listed twice
lab lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\ntest test_x 1\nstudent b.c\n|header key
lab lab06_bad\nstudnet a.c\n|unknown directive
lab lab06_bad\nstudent a.c\ntests t.c\nfuncs f\n|before the first
lab lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\nstep 2 Two\ntest test_x 1\n|step 1 has no
lab lab06_bad\ndeps lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\ntest test_x 1\n|depends on itself
lab lab06_bad\nstudent a.c\ntests t.c\nspeed s 1000 2\n|before the first
lab lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\ntest test_x 1\nspeed s 1000 2\nspeed t 1000 2\n|at most one
lab lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\ntest test_x 1\nspeed s 0 2\n|the operations must be
lab lab06_bad\nstudent a.c\ntests t.c\nstep 1 One\ntest test_x 1\nspeed s 1000\n|expected "speed NAME
CASES

# make bench's programs, small and once each: they run on every side and
# make a well-formed table (never how fast anything is).
section "make bench --quick"
if out=$(bash grader/scripts/bench.sh --quick "${labs[@]}" 2>&1); then
    pass "bench --quick: $(grep -cE '^\| [^*w]' <<<"$out") workloads, one table; $(grep '^uvloop:' <<<"$out")"
else
    fail "bench --quick" "$out"
fi


# The grader's and the shell's own suites, in a copy of the sources whose
# student files are the pristine skeletons (the suites grade "the
# skeleton" from the lab folders, and make test must pass in a tree where
# the student has done the work); the build and the programs are this
# tree's.
suite_tree=$tmp/suite-tree
chmod 755 "$tmp"                # the sandbox user reads the copy too
mkdir -p "$suite_tree"
tar --exclude=./build --exclude=./bin --exclude=./dist --exclude=./.git --exclude='./.labs-*' \
    --exclude='*.o' --exclude='*.d' -cf - . | tar -C "$suite_tree" -xf -
for lab in "${labs[@]}"; do pristine_skeleton "$lab" "$suite_tree/$lab" >/dev/null; done
suite_build=$BUILD
case $suite_build in /*) ;; *) suite_build=$PWD/$suite_build;; esac
for suite in grader/tests/run.sh grader/tests/speed.sh grader/tests/course.sh labs/tests/run.sh; do
    [ -f "$suite" ] || continue
    section "$suite"
    if out=$(cd "$suite_tree" && CORO_LABS_ROOT=$suite_tree BUILD=$suite_build BIN=$BIN \
             bash "$suite" 2>&1); then
        pass "$suite" "$(tail -3 <<<"$out")"
    else
        # its failures first (the full output is long and a report keeps
        # only its first lines), then its closing lines
        fail "$suite" "$(grep -A8 -E '^ *(FAIL|.*FAILED:)' <<<"$out" | head -30; tail -8 <<<"$out")"
    fi
done

summary
