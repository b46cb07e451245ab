#!/usr/bin/env bash
# grade-tree.sh LAB... - the body of `make grade`: grade the lab files in
# this tree (the student's working copy, as they are) with the grader, as
# a submission is graded: each lab's table, then one line per lab and the
# total.  The build folder comes from $BUILD (the grader reads it), the
# grader from $BIN.  Exits 0 when every lab was graded, whatever the scores.
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${BIN:=bin}"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
for lab in "$@"; do
    "$BIN/grader" --lab "$lab" --submission "$lab" >>"$out" || status=1
    echo >>"$out"
done
cat "$out"
echo "== make grade: the files in this tree"
# the first line of each lab's table is "LAB: SCORE / MAX points (...)"
awk '/^lab[0-9]+_[A-Za-z0-9_]+: [0-9.]+ \/ [0-9.]+ points/ {
         split($0, w, " "); sub(/:$/, "", w[1]); printf "  %-22s %7s / %s\n", w[1], w[2], w[4]; s += w[2]; m += w[4]
     }
     END { printf "  %-22s %7s / %s\n", "total", s, m }' "$out"
exit $status
