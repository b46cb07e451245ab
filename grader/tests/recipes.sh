#!/usr/bin/env bash
# recipes.sh - the recipes of grader/INSTRUCTORS.md that a script can run,
# each in a scratch copy of the lab folders graded with this tree's build
# (--root COPY --build BUILD): change points, forget a points entry (the
# grader refuses, naming the test), add a hidden suite.  (Releasing a
# lab, grading an export, grading on several machines and importing the
# gradebook are intake.sh, gradebook.sh and platforms.sh.)
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
: "${BUILD:=build}" "${BIN:=bin}"
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD;; esac
case $BIN in /*) ;; *) BIN=$PWD/$BIN;; esac
lab=lab01_generators
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
copy() { rm -rf "$tmp/tree"; mkdir -p "$tmp/tree/grader"; cp -r common lab0* "$tmp/tree/"; cp grader/grade_check.py "$tmp/tree/grader/"; }
grade() { "$BIN/grader" --root "$tmp/tree" --build "$BUILD" --lab $lab \
              --submission "$PWD/solutions/$lab" --format json "$@" 2>"$tmp/err"; }

section "recipes (grader/INSTRUCTORS.md)"
copy
t=test_fibo_sm_yields_the_seed_sequence_below_100
was=$(lab_var "$lab" max-points)
sed -i "s/^test *$t .*/test   $t 10/" "$tmp/tree/$lab/lab.mk"
max=$(json_number "$(grade)" max_score)
want=$(awk -v w="$was" 'BEGIN { print w + 8 }')
[ "$max" = "$want" ] && pass "change points: $t from 2 to 10, the lab is out of $max" ||
    fail "change points: max_score $max, expected $want"
copy
sed -i "/^test *$t /d" "$tmp/tree/$lab/lab.mk"
grade >/dev/null
status=$?
[ $status = 3 ] && grep -q "$t" "$tmp/err" &&
    pass "a test missing from the manifest: the grader refuses (status 3) and names it" ||
    fail "a test missing from the manifest: status $status" "$(cat "$tmp/err")"
copy
mkdir -p "$tmp/hidden/$lab"
cat >"$tmp/hidden/$lab/check_more.c" <<'C'
#include "lab01_tests.h"

/* A hidden test: fibo(10) yields 1 1 2 3 5 8 and then ends. */
START_TEST(test_hidden_fibo_below_10)
{
    static const long long want[] = { 1, 1, 2, 3, 5, 8 };
    struct fibo_sm sm;
    long long got;

    fibo_sm_init(&sm, 10);
    for (int k = 0; k < 6; k++)
        ck_assert_msg(fibo_sm_next(&sm, &got) == 1 && got == want[k],
                      "fibo(10), call %d: expected %lld", k + 1, want[k]);
    ck_assert_msg(fibo_sm_next(&sm, &got) == 0, "fibo(10) must end after 8");
}
END_TEST

Suite *make_more_suite(void)
{
    Suite *s = suite_create("more");
    TCase *tc = tcase_create("more");

    tcase_add_test(tc, test_hidden_fibo_below_10);
    suite_add_tcase(s, tc);
    return s;
}
C
echo "test_hidden_fibo_below_10 5" >"$tmp/hidden/$lab/points.txt"
j=$(grade --hidden "$tmp/hidden")
s=$(json_number "$j" score) m=$(json_number "$j" max_score)
want=$(awk -v w="$(lab_var "$lab" max-points)" 'BEGIN { print w + 5 }')
[ "$s" = "$want" ] && [ "$m" = "$want" ] && grep -q test_hidden_fibo_below_10 <<<"$j" &&
    pass "add a hidden suite: the reference scores $s / $m with it" ||
    fail "add a hidden suite: '$s' / '$m'" "$(cat "$tmp/err"; head -c 400 <<<"$j")"
summary
