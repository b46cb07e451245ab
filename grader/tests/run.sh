#!/usr/bin/env bash
# grader/tests/run.sh - the grader's own test suite (make test runs it
# after building; it builds nothing itself).  Uses $BUILD and $BIN (default
# build and bin, relative to the tree) and proves that:
#   1. the reference solution of every lab scores full marks, the skeleton 0;
#   2. every hostile submission under hostile/<case>/ (a gen.c of its own,
#      or an attack.c that hostile/assemble.sh puts into the skeleton)
#      scores no more than the skeleton and the report says why (the words
#      in <case>/why), and
#      the cases with a <case>/why-runtime file are also stopped by the
#      run-time sandbox alone (--no-static-checks);
#   3. submissions that are a symbolic link, a FIFO, a folder, or that
#      include the reference by its absolute path are refused;
#   4. every grading ends in bounded time and leaves no process behind;
#   5. every output format is well formed;
#   6. a hidden suite is graded and reported without its output;
#   7. the Gradescope run_autograder works in a mimic of /autograder;
#   8. batch mode over 50 mixed submissions writes the right gradebook.
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
root=$PWD
: "${BUILD:=build}" "${BIN:=bin}"
case $BUILD in /*) ;; *) BUILD=$root/$BUILD;; esac
case $BIN in /*) ;; *) BIN=$root/$BIN;; esac
export BUILD
grader=$BIN/grader
lab=lab01_generators
hostile_src=grader/tests/hostile

n_pass=0 n_fail=0
failures=()
pass() { n_pass=$((n_pass + 1)); printf '  ok    %s\n' "$1"; }
fail() {
    n_fail=$((n_fail + 1)); failures+=("$1"); printf '  FAIL  %s\n' "$1"
    [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/        /' | head -30
    return 0
}
section() { printf '\n== %s\n' "$1"; }
# the first "score" / "max_score" of a JSON report
json_num() { grep -oE "\"$2\"[[:space:]]*:[[:space:]]*[0-9.]+" <<<"$1" | head -1 | grep -oE '[0-9.]+$'; }

if [ ! -x "$grader" ]; then
    echo "grader/tests/run.sh: $grader is missing: build first (make build)"
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
work=$tmp/work          # the grader's scratch folders go here (TMPDIR)
mkdir -p "$work"
chmod 1777 "$work"

# The hostile cases, assembled on the current skeleton (see hostile/assemble.sh).
hostile=$tmp/hostile
for dir in "$hostile_src"/*/; do
    c=$(basename "$dir")
    bash "$hostile_src/assemble.sh" "$dir" "$lab/gen.c" "$hostile/$c" || exit 2
    cp "$dir"/why* "$hostile/$c/"
done

# Processes still alive whose folder or program is under $work.
leftovers() {
    local p c e
    for p in /proc/[0-9]*; do
        c=$(readlink "$p/cwd" 2>/dev/null) || continue
        e=$(readlink "$p/exe" 2>/dev/null)
        case "$c $e" in *"$work"*) echo "${p#/proc/} $c $e";; esac
    done
}

# grade SUBMISSION [OPTIONS...]: runs the grader (its JSON report in $json
# and $out, wall time in $secs); returns its status.
grade() {
    local sub=$1 start end status
    shift
    start=$(date +%s.%N)
    TMPDIR=$work "$grader" --lab "$lab" --submission "$sub" --format json \
        --output "$tmp/report.json" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    json=$(cat "$tmp/report.json" 2>/dev/null)
    out=$json
    return $status
}

# check_bounded WHAT LIMIT: the last grading took at most LIMIT seconds
# and left nothing running.
check_bounded() {
    local left
    if awk -v s="$secs" -v l="$2" 'BEGIN { exit !(s <= l) }'; then :; else
        fail "$1: took ${secs} s, more than $2 s"
    fi
    left=$(leftovers)
    [ -z "$left" ] || fail "$1: processes left behind" "$left"
}

section "reference solutions and skeletons"
for l in $(ls -d lab0*/ | tr -d /); do
    [ -f "$l/lab.mk" ] && [ -d "solutions/$l" ] || continue
    lab=$l
    if grade "solutions/$l"; then
        s=$(json_num "$json" score) m=$(json_num "$json" max_score)
        [ -n "$s" ] && [ "$s" = "$m" ] && pass "$l: reference scores $s / $m (${secs} s)" ||
            fail "$l: reference scores $s / $m" "$out"
    else
        fail "$l: grader failed on the reference" "$(cat "$tmp/stderr")"
    fi
    if grade "$l"; then
        s=$(json_num "$json" score)
        [ "$s" = 0 ] && pass "$l: skeleton scores 0" || fail "$l: skeleton scores $s" "$out"
    else
        fail "$l: grader failed on the skeleton" "$(cat "$tmp/stderr")"
    fi
done
lab=lab01_generators
grade "$lab"
skeleton=$(json_num "$json" score)
max=$(json_num "$json" max_score)

# hostile CASE-DIR MODE [OPTIONS...]: grade it, compare with the skeleton
# and look for the expected reason.
hostile_case() {
    local dir=$1 mode=$2 name why s
    shift 2
    name=$(basename "$dir")
    why=$(cat "$dir/$mode")
    if ! grade "$dir" --timeout 10 --memory 256 "$@"; then
        fail "$name ($mode): the grader exited non-zero" "$(cat "$tmp/stderr")"
        return
    fi
    s=$(json_num "$json" score)
    if [ -z "$s" ] || awk -v s="$s" -v k="$skeleton" 'BEGIN { exit !(s > k) }'; then
        fail "$name ($mode): scores $s, more than the skeleton's $skeleton" "$out"
    elif ! grep -qE "$why" <<<"$out"; then
        fail "$name ($mode): the report does not say \"$why\"" "$out"
    else
        pass "$name ($mode): scores $s, says \"$why\" (${secs} s)"
    fi
    check_bounded "$name ($mode)" 40
}

section "hostile submissions (static checks and sandbox together)"
for dir in "$hostile"/*/; do
    hostile_case "${dir%/}" why
done

section "hostile submissions (the run-time sandbox alone: --no-static-checks)"
for dir in "$hostile"/*/; do
    [ -f "$dir/why-runtime" ] && hostile_case "${dir%/}" why-runtime --no-static-checks
done

section "submissions that are not plain files"
mkdir -p "$tmp/cases/symlink"; ln -s "$root/solutions/$lab/gen.c" "$tmp/cases/symlink/gen.c"
echo "symbolic link" >"$tmp/cases/symlink/why"
mkdir -p "$tmp/cases/fifo"; mkfifo "$tmp/cases/fifo/gen.c"; echo "not a regular file" >"$tmp/cases/fifo/why"
mkdir -p "$tmp/cases/folder/gen.c"; echo "not a regular file" >"$tmp/cases/folder/why"
mkdir -p "$tmp/cases/abspath"
printf '#include "%s/solutions/%s/gen.c"\n' "$root" "$lab" >"$tmp/cases/abspath/gen.c"
echo "includes $root/solutions/$lab/gen.c" >"$tmp/cases/abspath/why"
mkdir -p "$tmp/cases/procpath"
printf '#include "/proc/self/root%s/solutions/%s/gen.c"\n' "$root" "$lab" >"$tmp/cases/procpath/gen.c"
echo "includes /proc/self/root" >"$tmp/cases/procpath/why"
for c in symlink fifo folder abspath procpath; do
    hostile_case "$tmp/cases/$c" why
done

section "report formats"
for f in text json gradescope junit tap classroom; do
    if TMPDIR=$work "$grader" --lab "$lab" --submission "solutions/$lab" --format $f \
        --output "$tmp/report.$f" 2>"$tmp/stderr"; then
        ok=1
        case $f in
            json|gradescope|classroom)
                if command -v python3 >/dev/null 2>&1; then
                    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/report.$f" || ok=0
                fi
                [ $f = classroom ] || [ "$(json_num "$(cat "$tmp/report.$f")" score)" = "$max" ] || ok=0;;
            junit) grep -q '<testsuites' "$tmp/report.$f" && grep -q '</testsuites>' "$tmp/report.$f" || ok=0;;
            tap) grep -q '^1\.\.' "$tmp/report.$f" && ! grep -q '^not ok' "$tmp/report.$f" || ok=0;;
            text) grep -q "$max / $max points" "$tmp/report.$f" || ok=0;;
        esac
        [ $ok = 1 ] && pass "--format $f" || fail "--format $f is malformed" "$(head -20 "$tmp/report.$f")"
    else
        fail "--format $f: the grader exited non-zero" "$(cat "$tmp/stderr")"
    fi
done
if grep -q '"visibility": "visible"' "$tmp/report.gradescope" && grep -q '"execution_time"' "$tmp/report.gradescope"; then
    pass "gradescope format has visibility and execution_time"
else
    fail "gradescope format lacks visibility or execution_time"
fi

section "hidden suite"
h=$tmp/hidden/$lab
mkdir -p "$h"
cat >"$h/check_hidden_extra.c" <<'EOF'
/* A hidden test written the way an instructor would. */
#include <stdio.h>
#include "lab01_tests.h"

START_TEST(test_hidden_fibo_of_10_yields_six_numbers)
{
    struct fibo_sm sm;
    long long got;
    int n = 0;

    printf("HIDDEN-OUTPUT-MUST-NOT-SHOW\n");
    fibo_sm_init(&sm, 10);
    while (fibo_sm_next(&sm, &got) == 1)
        n++;
    ck_assert_msg(n == 6, "fibo(10): expected 6 numbers, got %d", n);
}
END_TEST

Suite *make_hidden_extra_suite(void)
{
    Suite *s = suite_create("hidden extra");
    TCase *tc = tcase_create("fibo");

    tcase_set_timeout(tc, 5);
    tcase_add_test(tc, test_hidden_fibo_of_10_yields_six_numbers);
    suite_add_tcase(s, tc);
    return s;
}
EOF
echo "test_hidden_fibo_of_10_yields_six_numbers 7" >"$h/points.txt"
if TMPDIR=$work "$grader" --lab "$lab" --submission "solutions/$lab" --hidden "$tmp/hidden" \
    --format gradescope >"$tmp/hidden.json" 2>"$tmp/stderr"; then
    hj=$(cat "$tmp/hidden.json")
    s=$(json_num "$hj" score) m=$(json_num "$hj" max_score)
    if [ "$s" = "$m" ] && [ "$m" = "$(awk -v m="$max" 'BEGIN { print m + 7 }')" ] &&
       grep -q '"visibility": "after_published"' <<<"$hj" && ! grep -q 'HIDDEN-OUTPUT' <<<"$hj"; then
        pass "hidden suite: counted ($s / $m), after_published, its output not shown"
    else
        fail "hidden suite: wrong report" "$(grep -n 'hidden\|score' <<<"$hj" | head)"
    fi
    TMPDIR=$work "$grader" --lab "$lab" --submission "$lab" --hidden "$tmp/hidden" --format json \
        >"$tmp/hidden0.json" 2>&1
    [ "$(json_num "$(cat "$tmp/hidden0.json")" score)" = 0 ] && pass "hidden suite: the skeleton scores 0" ||
        fail "hidden suite: the skeleton does not score 0"
else
    fail "hidden suite: the grader exited non-zero" "$(cat "$tmp/stderr")"
fi

section "Gradescope run_autograder (in a mimic of /autograder)"
ag=$tmp/autograder
for who in "solutions/$lab" "$lab"; do
    rm -rf "$ag"; mkdir -p "$ag/submission" "$ag/results"
    cp "$who/gen.c" "$ag/submission/"
    AUTOGRADER_ROOT=$ag CORO_LABS_ROOT=$root CORO_LABS_BUILD=$BUILD CORO_LABS_GRADER=$grader \
        CORO_LABS_LAB=$lab TMPDIR=$work bash grader/gradescope/run_autograder >"$tmp/ag.log" 2>&1
    r=$(cat "$ag/results/results.json" 2>/dev/null)
    s=$(json_num "$r" score)
    want=$([ "$who" = "$lab" ] && echo 0 || echo "$max")
    [ "$s" = "$want" ] && pass "run_autograder on $who: results.json score $s" ||
        fail "run_autograder on $who: score '$s', expected $want" "$(cat "$tmp/ag.log")"
done

section "batch: 50 mixed submissions"
class=$tmp/class
mkdir -p "$class"
# partial: the skeleton with the reference's fibo_sm_next only
awk 'FNR == NR { if (/^int fibo_sm_next/) on = 1; if (on) fn = fn $0 "\n"; if (on && /^}/) on = 0; next }
     /^int fibo_sm_next/ { printf "%s", fn; skip = 1 }
     skip { if (/^}/) skip = 0; next }
     { print }' "solutions/$lab/gen.c" "$lab/gen.c" >"$tmp/partial.c"
mkdir -p "$tmp/partial"; cp "$tmp/partial.c" "$tmp/partial/gen.c"
grade "$tmp/partial"
partial=$(json_num "$json" score)
if [ -n "$partial" ] && awk -v p="$partial" -v m="$max" 'BEGIN { exit !(p > 0 && p < m) }'; then
    pass "partial submission scores $partial / $max on its own"
else
    fail "partial submission scores '$partial', expected between 0 and $max"
fi
hostiles=($(ls "$hostile" | grep -v -e infinite_loop -e sleep_forever -e memory_bomb))
declare -A expect
for i in $(seq -w 1 50); do
    d=$class/student$i
    mkdir -p "$d"
    case $((10#$i % 5)) in
        0) cp "solutions/$lab/gen.c" "$d/"; expect[student$i]=$max;;
        1) cp "$lab/gen.c" "$d/"; expect[student$i]=0;;
        2) sed 's/^int fibo_sm_next.*/int fibo_sm_next(oops/' "solutions/$lab/gen.c" >"$d/gen.c"
           expect[student$i]=0;;
        3) h=${hostiles[$((10#$i % ${#hostiles[@]}))]}; cp "$hostile/$h/gen.c" "$d/"
           expect[student$i]=0;;
        4) cp "$tmp/partial.c" "$d/gen.c"; expect[student$i]=$partial;;
    esac
done
# one of them never stops, one writes a lot, one has no gen.c at all
cp "$hostile/infinite_loop/gen.c" "$class/student03/gen.c"
rm -f "$class/student08/gen.c"; echo "notes" >"$class/student08/notes.txt"
start=$(date +%s)
if TMPDIR=$work "$grader" --batch "$class" --lab "$lab" -j 2 --timeout 10 --output "$tmp/grades" \
    >"$tmp/batch.log" 2>&1; then
    secs=$(( $(date +%s) - start ))
    csv=$tmp/grades/grades.csv
    bad=0
    rows=$(($(wc -l <"$csv") - 1))
    [ "$rows" = 50 ] || { fail "batch: $rows rows in grades.csv, expected 50"; bad=1; }
    head -1 "$csv" | grep -qE "^student,$lab,total,(error,)?problems$" || { fail "batch: bad CSV header" "$(head -1 "$csv")"; bad=1; }
    while IFS=, read -r name score total problems; do
        [ "$name" = student ] && continue
        want=${expect[$name]}
        if [ "$score" != "$want" ] || [ "$total" != "$want" ]; then
            fail "batch: $name scores $score (total $total), expected $want" "$problems"; bad=1
        fi
        j=$(cat "$tmp/grades/$name.json" 2>/dev/null)
        [ "$(json_num "$j" score)" = "$score" ] || { fail "batch: $name.json does not say $score"; bad=1; }
        case $name in
            student03) grep -q timeout <<<"$problems" || { fail "batch: student03 (endless loop) has no timeout problem"; bad=1; };;
            student08) grep -q "missing file" <<<"$problems" || { fail "batch: student08 (no gen.c) has no missing-file problem"; bad=1; };;
        esac
        case $((10#${name#student} % 5)) in
            2|3) [ -n "$problems" ] || { fail "batch: $name (broken or hostile) lists no problem"; bad=1; };;
        esac
    done <"$csv"
    [ $bad = 0 ] && pass "batch: grades.csv right for all 50 students, JSON per student (${secs} s)"
    left=$(leftovers)
    [ -z "$left" ] && pass "batch: no process left behind" || fail "batch: processes left behind" "$left"
else
    fail "batch: the grader exited non-zero" "$(cat "$tmp/batch.log")"
fi

echo
if [ $n_fail -gt 0 ]; then
    echo "Failed:"
    printf '  - %s\n' "${failures[@]}"
fi
echo "$n_pass passed, $n_fail failed"
[ $n_fail -eq 0 ]
