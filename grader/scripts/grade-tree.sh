#!/usr/bin/env bash
# grade-tree.sh LAB... - the body of `make grade`: grade the lab files in
# this tree (the student's working copy) and print the table of each lab.
# The build folder comes from $BUILD (the grader reads it), the grader
# from $BIN.  Exits 0 when every lab was graded, whatever the scores.
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${BIN:=bin}"
status=0
for lab in "$@"; do
    "$BIN/grader" --lab "$lab" --submission "$lab" || status=1
done
exit $status
