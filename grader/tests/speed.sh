#!/usr/bin/env bash
# grader/tests/speed.sh - the speed part's own suite (grader/README.md,
# "The speed part"; make test runs it after grader/tests/run.sh).  Nothing
# here depends on how fast the machine is: for every lab with a `speed`
# line in its manifest,
#   1. the reference scores every point, the speed part's too, timed
#      against itself (a ratio far above the 0.5 that earns them all), and
#      the JSON report has the figures;
#   2. the skeleton scores 0: the speed part is not even measured;
#   3. a slow but correct submission, the reference with the O(n) walk of
#      speed/LAB.c put in (its first line says which function it wraps;
#      over 50 times the reference's cost on the workload, which no load
#      can hide), passes every test and loses the speed part's points;
# and, once, the part is not scored (0 of 0 points) where the tree has no
# reference to measure against.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
: "${BUILD:=build}" "${BIN:=bin}"
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD;; esac
case $BIN in /*) ;; *) BIN=$PWD/$BIN;; esac
export BUILD
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp

# grade LAB DIR [OPTIONS]: the JSON report in $json
grade() {
    local lab=$1 sub=$2
    shift 2
    json=$("$BIN/grader" --lab "$lab" --submission "$sub" --format json "$@" 2>"$tmp/err")
}
# speed_row NAME: the speed part's line of $json's tests (one a line)
speed_row() { grep -F "{\"name\": \"speed_$1\"" <<<"$json" | head -1; }
# num KEY TEXT: the first "KEY": NUMBER in TEXT
num() { grep -oE "\"$1\": [0-9.e+-]+" <<<"$2" | head -1 | awk '{print $2}'; }

n=0
for lab in lab0*/; do
    lab=${lab%/}
    [ -f "$lab/lab.mk" ] && [ -d "solutions/$lab" ] || continue
    read -r name ops points step <<<"$(lab_var "$lab" speed)"
    [ -n "${name:-}" ] || continue
    n=$((n + 1))
    section "$lab: the speed part $name ($ops operations, $points points, after step $step)"

    grade "$lab" "solutions/$lab"
    row=$(speed_row "$name")
    ratio=$(num ratio "$row")
    if [ "$(json_number "$json" score)" = "$(json_number "$json" max_score)" ] &&
       [ "$(num score "$row")" = "$points" ] &&
       awk -v r="${ratio:-0}" 'BEGIN { exit !(r > 0.5) }' &&
       [ -n "$(num student_ns_per_op "$row")" ] && [ -n "$(num reference_ns_per_op "$row")" ]; then
        pass "the reference against itself: all $points points, ratio $ratio ($(num student_ns_per_op "$row") ns/op against $(num reference_ns_per_op "$row"))"
    else
        fail "the reference does not earn the speed part's points" "$row$(cat "$tmp/err")"
    fi

    pristine_skeleton "$lab" "$tmp/skel-$lab" >/dev/null
    grade "$lab" "$tmp/skel-$lab"
    row=$(speed_row "$name")
    [ "$(json_number "$json" score)" = 0 ] && [ "$(num score "$row")" = 0 ] &&
        grep -q '"output": "not measured: every test of step' <<<"$row" &&
        pass "the skeleton: 0, the workload not even run" ||
        fail "the skeleton's speed part" "$row$(cat "$tmp/err")"

    fixture=grader/tests/speed/$lab.c
    if [ ! -f "$fixture" ]; then
        fail "$fixture is missing: a slow but correct submission for the speed part"
        continue
    fi
    read -r _ _ file func fast _ < <(head -1 "$fixture")
    slow=$tmp/slow-$lab
    mkdir -p "$slow"
    cp "solutions/$lab/"*.c "$slow/"
    sed -i "s/^int $func(/static int $fast(/" "$slow/$file"
    cat "$fixture" >>"$slow/$file"
    grade "$lab" "$slow"
    row=$(speed_row "$name")
    ratio=$(num ratio "$row")
    tests_max=$(awk -v m="$(json_number "$json" max_score)" -v p="$points" 'BEGIN { print m - p }')
    if ! grep -q "static int $fast(" "$slow/$file"; then
        fail "the slow fixture: no \"int $func(\" definition in solutions/$lab/$file to wrap"
    elif [ "$(json_number "$json" score)" = "$tests_max" ] && [ -n "$ratio" ] &&
         awk -v r="$ratio" -v s="$(num score "$row")" -v p="$points" \
             'BEGIN { exit !(r < 0.5 && s < p) }'; then
        pass "slow but correct ($func with an O(n) walk): every test passes, the speed part $(num score "$row") of $points (ratio $ratio)"
    else
        fail "the slow but correct submission's speed part" "score $(json_number "$json" score) (expected $tests_max): $row$(cat "$tmp/err")"
    fi
done

# A tree without solutions/ (a handout, a student's CI): the part is
# there, worth 0 of 0 points, and says why; the reference still scores
# everything it can.
if [ -n "${lab_with_speed:=$(for l in lab0*/; do l=${l%/}; [ -n "$(lab_var "$l" speed)" ] && [ -d "solutions/$l" ] && echo "$l"; done | head -1)}" ]; then
    section "a tree without the reference"
    mkdir -p "$tmp/tree/grader"
    cp -r common lab0* "$tmp/tree/"
    cp grader/grade_check.py "$tmp/tree/grader/"
    lab=$lab_with_speed
    name=$(lab_var "$lab" speed | awk '{print $1}')
    grade "$lab" "solutions/$lab" --root "$tmp/tree" --build "$BUILD"
    row=$(speed_row "$name")
    [ -n "$row" ] && [ "$(json_number "$json" score)" = "$(json_number "$json" max_score)" ] &&
        [ "$(num max_score "$row")" = 0 ] && grep -q 'not scored here' <<<"$row" &&
        pass "$lab: the speed part is not scored (0 of 0) and says why" ||
        fail "$lab without its reference" "$row$(cat "$tmp/err")"
fi
[ $n -gt 0 ] || fail "no lab has a speed part"
summary
