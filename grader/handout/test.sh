#!/usr/bin/env bash
# test.sh LAB... - `make test` in a handout: what a student can test.
# (make handout puts this file in place of the instructor's test suite.)
#
# For every lab handed out:
#   1. its tests, with your file for this lab and the reference of every
#      earlier lab the handout holds (build/iso/LAB/check_LAB): graded
#      isolation, as the grader builds it;
#   2. every example, built with your code (build/sol/LAB/examples/NAME),
#      prints its .expected output.
# It ends with "N passed, N failed"; it fails until your labs are done.
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
: "${BUILD:=build}"
root=$PWD
case $BUILD in /*) root=;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lab in "$@"; do
    section "$lab"
    prog=$BUILD/iso/$lab/check_$lab
    if [ ! -x "$prog" ]; then
        fail "$lab: $prog was not built (run make)"
        continue
    fi
    "$prog" --quiet --tap "$tmp/tap" >"$tmp/out" 2>&1
    ok=$(grep -c '^ok ' "$tmp/tap")
    all=$(grep -cE '^(not )?ok ' "$tmp/tap")
    if [ "$all" -gt 0 ] && [ "$ok" = "$all" ]; then
        pass "$lab: all $all tests pass"
    else
        fail "$lab: $ok of $all tests pass" \
             "$(grep -m3 '^not ok ' "$tmp/tap"; echo "bin/labs check $lab shows the first failure in full")"
    fi
    for name in $(lab_var "$lab" examples); do
        want=$lab/examples/$name.expected
        [ -f "$want" ] || continue
        if got=$(cd "$lab/examples" && timeout 60 "$root/$BUILD/sol/$lab/examples/$name" 2>&1) &&
           [ "$got" == "$(cat "$want")" ]; then
            pass "$lab/examples/$name prints $name.expected"
        else
            fail "$lab/examples/$name differs from $name.expected" \
                 "$(diff <(echo "$got") "$want" | head -10)"
        fi
    done
done
summary
