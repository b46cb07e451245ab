#!/usr/bin/env bash
# grader/tests/run.sh - the grader's own test suite (make test runs it
# after building; it builds nothing itself).  Uses $BUILD and $BIN (default
# build and bin, relative to the tree) and proves, for every lab with a
# lab.mk and a reference (lab01..., lab04 and lab05 join by existing), that:
#   1. the reference solution scores full marks, the skeleton 0;
#   2. every hostile submission under hostile/<case>/ (an attack.c or a
#      source.c that hostile/assemble.sh builds into the lab's skeleton)
#      scores no more than the skeleton and the report says why (the words
#      in <case>/why); the cases with a <case>/why-runtime file are also
#      stopped by the run-time sandbox alone (--no-static-checks).  In a
#      lab whose manifest allows threads (`clone` in its syscalls), a
#      <case>/why.threads or why-runtime.threads file replaces the other.
#      A case with an <case>/only file applies to the labs it lists (the
#      others say "skip" and why); <case>/opts adds grader options;
#   2b. the front-end checks accept everyday C: checks/benign.c appended
#      to lab01's reference still scores full marks;
#   3. submissions that are a symbolic link, a FIFO, a folder, or that
#      include the reference by its absolute path are refused;
#   4. every grading ends in bounded time and leaves no process behind;
# and, on lab01 (lab03 for 10):
#   5. every output format is well formed (TAP checked by prove);
#   6. a hidden suite is graded, and no visible part of any format shows
#      a hidden test's score, name or message;
#   7. a grader failure (a broken points table, a missing build, a sandbox
#      that cannot start, a manifest asking for sockets) is an error in
#      every format, never a score;
#   8. the Gradescope run_autograder works in a mimic of /autograder, and
#      its fallback results.json is valid JSON whatever the message;
#   9. batch mode over 50 mixed submissions writes the right gradebook;
#  10. the lab03 reference with loop_call_later spinning for ever scores
#      the same with --jobs 1, 2, 4, 8 and in a batch.
# Ends with "N passed, N failed"; exits non-zero on any failure.
#
# Narrowed (while working on a case): LABS="lab05_gather" and/or
# CASES='^thread_' (an extended regex of case names) run sections 1 and 2
# for those labs and cases only, and stop there.
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

# pass, fail, section, lab_var (the one reader of a lab's facts for scripts)
. grader/scripts/lib.sh
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

labs=()
for l in lab0*/; do
    l=${l%/}
    [ -n "${LABS:-}" ] && ! grep -qw -- "$l" <<<"$LABS" && continue
    [ -f "$l/lab.mk" ] && [ -d "solutions/$l" ] && labs+=("$l")
done
narrowed=${LABS:-}${CASES:-}
# the lab's first student file (the skeleton the hostile cases go into)
student_file() { lab_var "$1" student | awk '{print $1}'; }
# references_but LAB FILE DIR: the references of LAB's student files but
# FILE, into DIR (what a CASE+FILE comes with, and what it is held to)
references_but() {
    local o
    mkdir -p "$3"
    for o in $(lab_var "$1" student); do
        [ "$o" = "$2" ] || cp "solutions/$1/$o" "$3/" || return 1
    done
}

# The hostile cases, assembled into each lab's skeleton (hostile/assemble.sh):
# into every student file of the lab (lab04's future.c and task.c).  A case
# in the first file is that one file (the grader takes the skeleton for the
# others), and is held to the skeleton's score.  A case in a further file,
# named CASE+FILE, comes with the reference of the lab's other files, so
# that the tests get past them and into the attack; it is held to the
# score of those references with FILE's skeleton (base_of, below).
hostile=$tmp/hostile
for l in "${labs[@]}"; do
    first=$(student_file "$l")
    for f in $(lab_var "$l" student); do
        for dir in "$hostile_src"/*/; do
            c=$(basename "$dir")
            [ -n "${CASES:-}" ] && ! grep -qE -- "$CASES" <<<"$c" && continue
            [ "$f" = "$first" ] || c=$c+$f
            bash "$hostile_src/assemble.sh" "$dir" "$l/$f" "$l" "$hostile/$l/$c" || exit 2
            if [ "$f" != "$first" ]; then
                references_but "$l" "$f" "$hostile/$l/$c" || exit 2
            fi
            cp "$dir"/why* "$hostile/$l/$c/"
            for x in only opts; do [ -f "$dir/$x" ] && cp "$dir/$x" "$hostile/$l/$c/"; done
        done
    done
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

# Hostile cases run with a short budget per test (the skeleton's tests end
# at once): a case that hangs costs each test half a second, not its own
# timeout.  The CPU limit stays far above what a test of the skeleton uses.
HOSTILE_OPTS=(--timeout 0.5 --cpu 5 --memory 256)

section "reference solutions and skeletons"
declare -A skel_of max_of
for l in "${labs[@]}"; do
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
        # each failure says where its failing check is (the shell shows that line;
        # a speed part's row is no test: grader/tests/speed.sh)
        /usr/bin/python3 -c 'import json,re,sys; t=json.load(open(sys.argv[1]))["tests"]; sys.exit(not t or any(not re.fullmatch(r"[A-Za-z0-9_./-]+\.c:[0-9]+", x.get("where", "")) for x in t if x["status"] != "passed" and "speed" not in x))' "$tmp/report.json" &&
            pass "$l: the JSON report says where each failing check is (\"where\": file:line)" ||
            fail "$l: a failed test without \"where\" in the JSON report" "$out"
    else
        fail "$l: grader failed on the skeleton" "$(cat "$tmp/stderr")"
    fi
    skel_of[$l]=${s:-0}
    max_of[$l]=$(json_num "$json" max_score)
done

# base_of[LAB+FILE]: the reference of LAB's other files with FILE's skeleton
# (what a CASE+FILE submission is held to)
declare -A base_of
for l in "${labs[@]}"; do
    lab=$l
    first=$(student_file "$l")
    for f in $(lab_var "$l" student); do
        [ "$f" = "$first" ] && continue
        b=$tmp/base/$l+$f
        references_but "$l" "$f" "$b" || exit 2
        if grade "$b" "${HOSTILE_OPTS[@]}"; then
            base_of[$l+$f]=$(json_num "$json" score)
            pass "$l: the reference but for $f's skeleton scores ${base_of[$l+$f]} (what CASE+$f is held to)"
        else
            fail "$l: grader failed on the reference but for $f" "$(cat "$tmp/stderr")"
        fi
    done
done

section "the policy table of grader/README.md says what each manifest allows"
for l in "${labs[@]}"; do
    # its row's syscalls column (the third): the manifest's words, or "–"
    col=$(awk -F'|' -v l="$l" '$2 == " " l " " { print $4 }' grader/README.md | tr -d '`' |
          sed 's/([^)]*)//g' | xargs)
    want=$(lab_var "$l" syscalls | xargs)
    if [ "${col:-?}" = "${want:-–}" ]; then
        pass "$l: the table's syscalls are its manifest's (${want:-none})"
    else
        fail "$l: grader/README.md's policy table says syscalls '$col', lab.mk says '$want'"
    fi
done

# hostile CASE-DIR MODE [OPTIONS...]: grade it as a submission for $lab,
# compare with the skeleton and look for the expected reason.
hostile_case() {
    local dir=$1 mode=$2 name why s k=${skel_of[$lab]:-0}
    shift 2
    name="$lab: $(basename "$dir")"
    case $dir in *+*.c) k=${base_of[$lab+${dir##*+}]:-0};; esac
    why=$(cat "$dir/$mode")
    if [ -f "$dir/$mode.threads" ] && lab_var "$lab" syscalls | grep -qw clone; then
        why=$(cat "$dir/$mode.threads")
    fi
    if [ -f "$dir/only" ] && ! grep -qw "$lab" "$dir/only"; then
        printf '  skip  %s (%s): applies to %s only\n' "$name" "$mode" "$(tr '\n' ' ' <"$dir/only")"
        return
    fi
    # a case's own options (opts: e.g. a longer budget to reach its limit)
    if ! grade "$dir" "${HOSTILE_OPTS[@]}" $(cat "$dir/opts" 2>/dev/null) "$@"; then
        fail "$name ($mode): the grader exited non-zero" "$(cat "$tmp/stderr")"
        return
    fi
    s=$(json_num "$json" score)
    if [ -z "$s" ] || awk -v s="$s" -v k="$k" 'BEGIN { exit !(s > k) }'; then
        fail "$name ($mode): scores $s, more than $k (the skeleton's, or for CASE+FILE the other files' references')" "$out"
    elif ! grep -qE "$why" <<<"$out"; then
        fail "$name ($mode): the report does not say \"$why\"" "$out"
    else
        pass "$name ($mode): scores $s, says \"$why\" (${secs} s)"
    fi
    check_bounded "$name ($mode)" 120
}

section "hostile submissions (static checks and sandbox together)"
for lab in "${labs[@]}"; do
    for dir in "$hostile/$lab"/*/; do
        hostile_case "${dir%/}" why
    done
done

section "hostile submissions (the run-time sandbox alone: --no-static-checks)"
for lab in "${labs[@]}"; do
    for dir in "$hostile/$lab"/*/; do
        [ -f "$dir/why-runtime" ] && hostile_case "${dir%/}" why-runtime --no-static-checks
    done
done

if [ -n "$narrowed" ]; then
    echo
    echo "(narrowed to LABS='${LABS:-}' CASES='${CASES:-}': the other sections do not run)"
    [ $n_fail -gt 0 ] && printf '  - %s\n' "${failures[@]}"
    echo "$n_pass passed, $n_fail failed"
    [ $n_fail -eq 0 ]
    exit
fi

section "the front-end checks accept everyday C"
lab=lab01_generators
# grader/tests/checks/benign.c: idioms a student's code may hold (a qsort
# comparator, the safe realloc through a void *, callbacks, byte copies of
# one type), appended to the reference: still full marks.
mkdir -p "$tmp/benign"
cat "solutions/$lab/gen.c" grader/tests/checks/benign.c >"$tmp/benign/gen.c"
if grade "$tmp/benign" && [ "$(json_num "$json" score)" = "${max_of[$lab]}" ]; then
    pass "$lab: the reference with everyday C appended scores full marks"
else
    fail "$lab: the reference with everyday C appended" "$out"
fi

section "submissions that are not plain files"
for lab in "${labs[@]}"; do
    f=$(student_file "$lab")
    c=$tmp/cases/$lab
    mkdir -p "$c/symlink"; ln -s "$root/solutions/$lab/$f" "$c/symlink/$f"
    echo "symbolic link" >"$c/symlink/why"
    mkdir -p "$c/fifo"; mkfifo "$c/fifo/$f"; echo "not a regular file" >"$c/fifo/why"
    mkdir -p "$c/folder/$f"; echo "not a regular file" >"$c/folder/why"
    mkdir -p "$c/abspath"
    printf '#include "%s/solutions/%s/%s"\n' "$root" "$lab" "$f" >"$c/abspath/$f"
    echo "includes $root/solutions/$lab/$f" >"$c/abspath/why"
    mkdir -p "$c/procpath"
    printf '#include "/proc/self/root%s/solutions/%s/%s"\n' "$root" "$lab" "$f" >"$c/procpath/$f"
    echo "includes /proc/self/root" >"$c/procpath/why"
    for k in symlink fifo folder abspath procpath; do
        hostile_case "$c/$k" why
    done
done

lab=lab01_generators
max=${max_of[$lab]}

section "report formats"
for f in text json gradescope junit tap classroom; do
    if TMPDIR=$work "$grader" --lab "$lab" --submission "solutions/$lab" --format $f \
        --output "$tmp/report.$f" 2>"$tmp/stderr"; then
        ok=1
        case $f in
            json|gradescope|classroom)
                /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/report.$f" || ok=0
                [ $f = classroom ] || [ "$(json_num "$(cat "$tmp/report.$f")" score)" = "$max" ] || ok=0;;
            junit) /usr/bin/python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$tmp/report.$f" || ok=0;;
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
# TAP of a failing submission: failure details as YAML blocks, strict under prove
TMPDIR=$work "$grader" --lab "$lab" --submission "$lab" --format tap --output "$tmp/fail.tap" 2>/dev/null
if command -v prove >/dev/null 2>&1; then
    # strict mode (TAP 13's "pragma +strict"): any unknown line is an error
    { echo "TAP version 13"; echo "pragma +strict"; tail -n +2 "$tmp/fail.tap"; } >"$tmp/strict.tap"
    printf '#!/bin/sh\ncat %s\n' "$tmp/strict.tap" >"$tmp/fail.t"
    prove -e sh "$tmp/fail.t" >"$tmp/prove.log" 2>&1
    if grep -q '^  ---$' "$tmp/fail.tap" && ! grep -qi 'parse error' "$tmp/prove.log" &&
       grep -qE 'Failed [0-9]+/[0-9]+ subtests' "$tmp/prove.log"; then
        pass "TAP: failures carry YAML blocks; prove in strict mode reads it without an unknown line"
    else
        fail "TAP: prove in strict mode complains" "$(cat "$tmp/prove.log")"
    fi
else
    fail "TAP: prove is missing (apt-get install perl)"
fi

section "hidden suite"
h=$tmp/hidden/$lab
mkdir -p "$h"
cp grader/tests/hidden/check_hidden_extra.c grader/tests/hidden/points.txt "$h/"
hidden_score=$(awk -v m="$max" 'BEGIN { print m + 7 }') hidden_max=$(awk -v m="$max" 'BEGIN { print m + 10 }')
secret='HIDDEN-OUTPUT|HIDDEN-MESSAGE|test_hidden_'
for f in gradescope json text junit tap classroom; do
    if ! TMPDIR=$work "$grader" --lab "$lab" --submission "solutions/$lab" --hidden "$tmp/hidden" \
        --format $f --output "$tmp/hidden.$f" 2>"$tmp/stderr"; then
        fail "hidden suite, --format $f: the grader exited non-zero" "$(cat "$tmp/stderr")"
        continue
    fi
    hj=$(cat "$tmp/hidden.$f")
    case $f in
        gradescope|json)
            # the instructor's record: every test counted, hidden ones marked; the
            # summary a student sees before publication ("output") counts the
            # visible tests only and says more are hidden
            if /usr/bin/python3 grader/tests/hidden/check_report.py "$tmp/hidden.$f" "$f" \
                "$hidden_score" "$hidden_max" "$max" >"$tmp/hcheck" 2>&1; then
                pass "hidden suite, --format $f: counted ($hidden_score / $hidden_max), marked, the visible summary without it"
            else
                fail "hidden suite, --format $f" "$(cat "$tmp/hcheck")"
            fi;;
        *)
            # formats that cannot hide: no hidden name, message, output or score; marked
            if grep -qE "$secret" <<<"$hj"; then
                fail "hidden suite, --format $f shows a hidden test" "$(grep -E "$secret" <<<"$hj" | head -5)"
            elif ! grep -qi 'hidden' <<<"$hj"; then
                fail "hidden suite, --format $f does not mark the hidden tests" "$(head -20 <<<"$hj")"
            elif grep -qE "(^|[^0-9])($hidden_score|$hidden_max)([^0-9]|$)" <<<"$hj"; then
                fail "hidden suite, --format $f shows the score with the hidden tests" "$(head -5 <<<"$hj")"
            else
                pass "hidden suite, --format $f: hidden tests marked; names, results and messages withheld"
            fi;;
    esac
done
TMPDIR=$work "$grader" --lab "$lab" --submission "$lab" --hidden "$tmp/hidden" --format json \
    >"$tmp/hidden0.json" 2>&1
[ "$(json_num "$(cat "$tmp/hidden0.json")" score)" = 0 ] && pass "hidden suite: the skeleton scores 0" ||
    fail "hidden suite: the skeleton does not score 0"

section "a failure of the grader is never a grade"
# no_score FILE FORMAT: FILE is an error report of FORMAT without any score
no_score() {
    case $2 in
        json|gradescope)
            /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit("score" in d or bool(d["tests"]) or "GRADER ERROR" not in d["output"])' "$1";;
        classroom)
            /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["status"] != "error" or bool(d["tests"]))' "$1";;
        text) grep -q 'GRADER ERROR' "$1" && ! grep -qE '[0-9] / [0-9.]+ points' "$1";;
        junit) grep -q '<error message="[^"]*GRADER ERROR' "$1" && ! grep -q 'name="score"' "$1";;
        tap) grep -q '^Bail out!.*GRADER ERROR' "$1" && ! grep -q '^ok\|^not ok' "$1";;
    esac
}
# A points table that misses one test, in a copy of the tree's lab.
broken=$tmp/broken-tree
mkdir -p "$broken/grader"
cp -r common "$lab" "$broken/"
cp grader/grade_check.py "$broken/grader/"
sed -i '0,/^test /{/^test /d}' "$broken/$lab/lab.mk"
# A manifest that asks for sockets, which no filter may give (grade_sandbox.c).
sockets=$tmp/socket-tree
mkdir -p "$sockets/grader"
cp -r common "$lab" "$sockets/"
cp grader/grade_check.py "$sockets/grader/"
sed -i '0,/^step /s//syscalls  socket connect\n&/' "$sockets/$lab/lab.mk"
mkdir -p "$tmp/emptybuild"
for fault in points build sandbox sockets; do
    for f in text json gradescope junit tap classroom; do
        case $fault in
            points)  args=(--root "$broken"); env=();;
            build)   args=(--build "$tmp/emptybuild"); env=();;
            sandbox) args=(); env=(CORO_GRADER_TEST_FAULT=sandbox);;
            sockets) args=(--root "$sockets"); env=();;
        esac
        rm -f "$tmp/err.$f"
        env TMPDIR="$work" "${env[@]}" "$grader" --lab "$lab" --submission "solutions/$lab" \
            "${args[@]}" --format $f --output "$tmp/err.$f" >/dev/null 2>"$tmp/stderr"
        st=$?
        if [ $st = 0 ]; then
            fail "$fault, --format $f: exit status 0"
        elif ! no_score "$tmp/err.$f" $f; then
            fail "$fault, --format $f: not an error without a score" "$(head -c 1500 "$tmp/err.$f")"
        else
            pass "$fault, --format $f: exit status $st, an error, no score"
        fi
    done
done
# A batch: no number in the gradebook, the error column says why.
mkdir -p "$tmp/errclass/alice" "$tmp/errclass/bob"
cp "solutions/$lab/gen.c" "$tmp/errclass/alice/"
cp "$lab/gen.c" "$tmp/errclass/bob/"
TMPDIR=$work "$grader" --batch "$tmp/errclass" --lab "$lab" --root "$broken" -j 2 \
    --output "$tmp/errgrades" >"$tmp/batch.log" 2>&1
st=$?
csv=$tmp/errgrades/grades.csv
if [ $st != 0 ] && [ "$(head -1 "$csv")" = "student,$lab,total,error,problems" ] &&
   awk -F, 'NR > 1 && ($2 != "" || $3 != "" || $4 == "") { bad = 1 } END { exit bad || NR != 3 }' "$csv"; then
    pass "batch with a broken points table: exit status $st, no score, an error column"
else
    fail "batch with a broken points table: status $st" "$(cat "$csv" "$tmp/batch.log" 2>/dev/null)"
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

# The fallback results.json when the grader itself fails: valid JSON
# whatever the message holds (a tab, control characters, quotes), no score.
rm -rf "$ag"; mkdir -p "$ag/submission" "$ag/results"
printf '#!/bin/sh\nprintf "broken:\\tgrader \\001 \\"quoted\\" \\\\ end\\n" >&2\nexit 2\n' >"$tmp/bad-grader"
chmod +x "$tmp/bad-grader"
AUTOGRADER_ROOT=$ag CORO_LABS_ROOT=$root CORO_LABS_BUILD=$BUILD CORO_LABS_GRADER=$tmp/bad-grader \
    CORO_LABS_LAB=$lab TMPDIR=$work bash grader/gradescope/run_autograder >"$tmp/ag.log" 2>&1
if /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit("score" in d or "broken:" not in d["output"])' \
    "$ag/results/results.json" 2>"$tmp/ag.err"; then
    pass "run_autograder: the fallback results.json is valid JSON, has no score and says why"
else
    fail "run_autograder: bad fallback results.json" "$(cat "$ag/results/results.json" "$tmp/ag.err")"
fi

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
hostiles=($(ls "$hostile/$lab" | grep -v -e infinite_loop -e sleep_forever -e memory_bomb))
declare -A expect
for i in $(seq -w 1 50); do
    d=$class/student$i
    mkdir -p "$d"
    case $((10#$i % 5)) in
        0) cp "solutions/$lab/gen.c" "$d/"; expect[student$i]=$max;;
        1) cp "$lab/gen.c" "$d/"; expect[student$i]=0;;
        2) sed 's/^int fibo_sm_next.*/int fibo_sm_next(oops/' "solutions/$lab/gen.c" >"$d/gen.c"
           expect[student$i]=0;;
        3) h=${hostiles[$((10#$i % ${#hostiles[@]}))]}; cp "$hostile/$lab/$h/gen.c" "$d/"
           expect[student$i]=0;;
        4) cp "$tmp/partial.c" "$d/gen.c"; expect[student$i]=$partial;;
    esac
done
# one of them never stops, one writes a lot, one has no gen.c at all
cp "$hostile/$lab/infinite_loop/gen.c" "$class/student03/gen.c"
rm -f "$class/student08/gen.c"; echo "notes" >"$class/student08/notes.txt"
start=$(date +%s)
if TMPDIR=$work "$grader" --batch "$class" --lab "$lab" -j 2 --timeout 1.5 --output "$tmp/grades" \
    >"$tmp/batch.log" 2>&1; then
    secs=$(( $(date +%s) - start ))
    csv=$tmp/grades/grades.csv
    bad=0
    rows=$(($(wc -l <"$csv") - 1))
    [ "$rows" = 50 ] || { fail "batch: $rows rows in grades.csv, expected 50"; bad=1; }
    head -1 "$csv" | grep -q "^student,$lab,total,error,problems$" || { fail "batch: bad CSV header" "$(head -1 "$csv")"; bad=1; }
    while IFS=, read -r name score total error problems; do
        [ "$name" = student ] && continue
        [ -z "$error" ] || { fail "batch: $name has a grader error" "$error"; bad=1; }
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

section "the same score with any --jobs: lab03 with loop_call_later spinning for ever"
# About a third of lab03's tests call loop_call_later: each of those must
# cost its own test only, whatever the number of runners or students at
# once.  (--cpu 2: a spinning test is stopped by its CPU limit or its own
# timeout, both per test; the reference's heaviest test needs 1.5 s.)
lab=lab03_eventloop
spin=$tmp/spin
mkdir -p "$spin/alone" "$spin/class/a" "$spin/class/b"
awk '/^int loop_call_later\(/ { want = 1 }
     { print }
     want && /^\{/ { print "    for (volatile int spin = 1; spin;)"; print "        continue;"; want = 0 }' \
    "solutions/$lab/loop.c" >"$spin/alone/loop.c"
cp "$spin/alone/loop.c" "$spin/class/a/"
cp "$spin/alone/loop.c" "$spin/class/b/"
scores=()
for j in 1 2 4 8; do
    grade "$spin/alone" --jobs $j --cpu 2
    scores+=("$(json_num "$json" score)")
    /usr/bin/python3 -c 'import json,sys; print(" ".join(t["status"][0] for t in json.load(open(sys.argv[1]))["tests"]))' \
        "$tmp/report.json" >"$spin/statuses.$j"
    check_bounded "spinning loop_call_later, --jobs $j" 600
done
TMPDIR=$work "$grader" --batch "$spin/class" --lab "$lab" -j 2 --cpu 2 --output "$spin/grades" \
    >"$tmp/batch.log" 2>&1
batch=$(awk -F, 'NR > 1 { print $2 }' "$spin/grades/grades.csv" | sort -u | tr '\n' ' ')
if [ -n "${scores[0]}" ] && [ "${scores[0]}" != "${max_of[$lab]}" ] && [ "${scores[0]}" != 0 ] &&
   [ "${scores[*]}" = "${scores[0]} ${scores[0]} ${scores[0]} ${scores[0]}" ] &&
   [ "$batch" = "${scores[0]} " ] && cmp -s "$spin/statuses.1" "$spin/statuses.8"; then
    pass "spinning loop_call_later scores ${scores[0]} / ${max_of[$lab]} with --jobs 1, 2, 4, 8 and in a batch"
else
    fail "spinning loop_call_later: --jobs 1, 2, 4, 8 give ${scores[*]}, the batch $batch" \
        "$(cat "$spin/statuses".* "$tmp/batch.log")"
fi
lab=lab01_generators

echo
if [ $n_fail -gt 0 ]; then
    echo "Failed:"
    printf '  - %s\n' "${failures[@]}"
fi
echo "$n_pass passed, $n_fail failed"
[ $n_fail -eq 0 ]
