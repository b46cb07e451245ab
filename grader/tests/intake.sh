#!/usr/bin/env bash
# intake.sh - `grader --batch` on a generated class exported every way a
# course platform exports one (make-class.py): every student gets the
# right file, or a listed reason for each file it could not map; the
# export's clutter is named; the same class as one zip grades the same;
# a lab of several files (lab05) maps each file, names each one missing
# and each ambiguity.
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
: "${BUILD:=build}" "${BIN:=bin}"
case $BIN in /*) ;; *) BIN=$PWD/$BIN;; esac
lab=lab01_generators
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp

section "intake: a mixed class (Canvas, Moodle, Gradescope, zips, nesting, case)"
python3 grader/tests/make-class.py "$tmp/class" "solutions/$lab/gen.c" "$lab/gen.c" ||
    { fail "make-class.py failed"; summary; exit 1; }
if ! "$BIN/grader" --batch "$tmp/class" --lab $lab -j 2 --output "$tmp/out" 2>"$tmp/err"; then
    fail "grader --batch failed" "$(tail -20 "$tmp/err")"
fi
csv=$tmp/out/grades.csv
head -1 "$csv" | grep -qx "student,$lab,total,error,problems" &&
    pass "the CSV's columns: student,$lab,total,error,problems" ||
    fail "the CSV's header is $(head -1 "$csv")"

# check_class LAB CSV EXPECT: each student's row in CSV scores what EXPECT
# (make-class.py) says, "full", "zero" or "some" (between), and holds its
# words; no student more or less
check_class() {
    local lab=$1 csv=$2 expect=$3 full student score words r got ok missing n_exp n_rows
    full=$(json_number "$("$BIN/grader" --lab $lab --submission solutions/$lab --format json)" max_score)
    while IFS=$'\t' read -r student score words; do
        r=$(grep -E "^\"?$student\"?," "$csv")
        if [ -z "$r" ]; then
            fail "$student: no row in $(basename "$csv")" "$(cut -d, -f1 "$csv")"
            continue
        fi
        got=$(python3 -c 'import csv,sys; r=next(csv.reader([sys.argv[1]])); print(r[1])' "$r")
        case $score in
            full) ok=$([ "$got" = "$full" ] && echo 1);;
            zero) ok=$([ "$got" = 0 ] && echo 1);;
            some) ok=$(python3 -c 'import sys; print(1 if 0 < float(sys.argv[1] or 0) < float(sys.argv[2]) else "")' "$got" "$full");;
        esac
        if [ -z "$ok" ]; then
            fail "$student scores '$got', expected $score ($full is full)" "$r"
            continue
        fi
        missing=
        while IFS= read -r w; do
            [ -z "$w" ] && continue
            grep -qF -- "$w" <<<"$r" || missing+="'$w' "
        done < <(tr '\t' '\n' <<<"$words")
        [ -z "$missing" ] && pass "$student: $score ($got)${words:+, says: $(tr '\t' ';' <<<"$words")}" ||
            fail "$student: its row lacks $missing" "$r"
    done <"$expect"
    n_exp=$(wc -l <"$expect")
    n_rows=$(($(wc -l <"$csv") - 1))
    [ "$n_rows" = "$n_exp" ] && pass "$n_rows students, no more" ||
        fail "$n_rows rows for $n_exp students" "$(cut -d, -f1 "$csv")"
}
check_class $lab "$csv" "$tmp/class.expect"
for w in ".DS_Store: hidden" ".trash/: hidden" "loose file readme.txt"; do
    grep -qF -- "$w" "$tmp/out/intake.txt" && grep -qF -- "$w" "$tmp/err" &&
        pass "the export's clutter is named: $w" ||
        fail "intake.txt (and stderr) do not say: $w" "$(cat "$tmp/out/intake.txt")"
done
grep -q "grading alice" "$tmp/err" && grep -q "done alice" "$tmp/err" &&
    pass "the batch names each student as it starts and ends it" ||
    fail "the batch does not say which student it is on" "$(head -5 "$tmp/err")"
[ -f "$tmp/out/alice.json" ] && grep -q '"lab": "lab01_generators"' "$tmp/out/alice.json" &&
    pass "one JSON report per student (alice.json)" || fail "no alice.json report"

section "intake: a lab of several files (lab05: gather.c, sync.c, thread.c)"
lab5=lab05_gather
files=$(lab_var $lab5 student | tr ' ' ',')
python3 grader/tests/make-class.py --files "$files" "$tmp/class5" "solutions/$lab5" "$lab5" ||
    fail "make-class.py --files failed"
if "$BIN/grader" --batch "$tmp/class5" --lab $lab5 -j 2 --output "$tmp/out5" 2>"$tmp/err5"; then
    check_class $lab5 "$tmp/out5/grades.csv" "$tmp/class5.expect"
else
    fail "grader --batch (lab05) failed" "$(tail -20 "$tmp/err5")"
fi

section "intake: the same class as one zip (the export's wrapper folder entered)"
(cd "$tmp" && mkdir wrap && mv class wrap/export_2026 &&
 python3 -c 'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])' \
     "$tmp/class" "$tmp/wrap") || fail "cannot zip the class"
if "$BIN/grader" --batch "$tmp/class.zip" --lab $lab -j 2 --output "$tmp/out2" 2>"$tmp/err2"; then
    if diff <(cut -d, -f1-3 "$csv") <(cut -d, -f1-3 "$tmp/out2/grades.csv") >"$tmp/d"; then
        pass "the zipped export grades the same"
    else
        fail "the zipped export grades differently" "$(cat "$tmp/d")"
    fi
else
    fail "grader --batch on a zip failed" "$(tail "$tmp/err2")"
fi

section "intake: --intake stages a class for grading elsewhere"
if "$BIN/grader" --intake "$tmp/class.zip" --lab $lab --output "$tmp/staged" \
       >"$tmp/names" 2>"$tmp/err3"; then
    [ -f "$tmp/staged/davisdan_101/gen.c" ] && cmp -s "$tmp/staged/davisdan_101/gen.c" \
        "solutions/$lab/gen.c" && pass "the latest Canvas resubmission is staged as gen.c" ||
        fail "davisdan_101/gen.c is not the latest resubmission"
    [ ! -e "$tmp/staged/kim/gen.c" ] && grep -q ambiguous "$tmp/staged/kim/.grader-intake" &&
        pass "an ambiguous student gets no file and a note" ||
        fail "kim's ambiguity is not staged as a note"
    grep -qx "Gina Green_104" "$tmp/names" && pass "--intake prints the students, one a line" ||
        fail "--intake does not list the students" "$(head "$tmp/names")"
    j=$("$BIN/grader" --lab $lab --submission "$tmp/staged/kim" --format json 2>&1)
    grep -q 'intake: ambiguous' <<<"$j" &&
        pass "grading a staged folder reports its intake notes" ||
        fail "the staged folder's notes are lost when it is graded" "$(head -c 600 <<<"$j")"
else
    fail "grader --intake failed" "$(tail "$tmp/err3")"
fi
summary
