#!/usr/bin/env bash
# convert-labmk.sh LAB - a one-shot conversion of a lab from the old
# manifest ("LAB.key := value" lines in LAB/lab.mk, tests/points.txt,
# allow.txt) to the one manifest common/co_lab.h reads.  Writes the new
# LAB/lab.mk and removes tests/points.txt and allow.txt (git rm them).
#
# Steps: a comment "# Step N...: TITLE" in points.txt starts step N (the
# rest of the comment, up to a "(", is its title); without such comments
# every test goes into one step.  Fill in each step's `funcs` line and
# check the titles against the handout's "## Step N: TITLE" headings;
# then `make` (labinfo --check) says whether the result reads.
set -eu
lab=${1:?usage: convert-labmk.sh LAB}
old=$lab/lab.mk points=$lab/tests/points.txt allow=$lab/allow.txt
grep -q "^$lab\\." "$old" || { echo "$old is not in the old format" >&2; exit 1; }
val() { sed -n "s/^$lab\\.$1[[:space:]]*:\\{0,1\\}=[[:space:]]*//p" "$old"; }
title=$(sed -n '1s/^# *\(Lab [0-9]*\|lab[0-9]*\)[^:]*: *//p' "$lab/README.md" 2>/dev/null || true)
{
    printf '# %s: the lab manifest, read by common/co_lab.c only (format: common/co_lab.h).\n' "$lab"
    printf '# Points per test are the "test NAME POINTS" lines (decimals allowed); an\n# instructor may change them freely.\n'
    printf '%-9s %s\n' lab "$lab"
    [ -n "$title" ] && printf '%-9s %s\n' title "$title"
    for key in student given deps tests examples bench ldlibs; do
        v=$(val $key)
        [ -n "$v" ] && printf '%-9s %s\n' $key "$v"
    done
    if [ -f "$allow" ]; then
        calls=$(sed 's/#.*//' "$allow" | awk '$1 == "call" { $1 = ""; printf "%s", $0 }' | xargs)
        defines=$(sed 's/#.*//' "$allow" | awk '$1 == "define" { $1 = ""; printf "%s", $0 }' | xargs)
        [ -n "$calls" ] && printf '%-9s %s\n' calls "$calls"
        [ -n "$defines" ] && printf '%-9s %s\n' defines "$defines"
    fi
    awk '
        /^#[[:space:]]*Step[[:space:]]+[0-9]+/ {
            t = $0; sub(/^#[[:space:]]*Step[[:space:]]+[0-9]+[^:]*:[[:space:]]*/, "", t)
            sub(/[[:space:]]*\(.*$/, "", t)
            printf "\nstep %d %s\nfuncs\n", ++n, t; next
        }
        { sub(/#.*/, "") }
        NF == 2 {
            if (!n) { printf "\nstep %d %s\nfuncs\n", ++n, "(title: see the handout)" }
            printf "test   %-76s %s\n", $1, $2
        }' "$points"
} > "$old.new"
mv "$old.new" "$old"
rm -f "$points" "$allow"
echo "$old converted: fill in each step's funcs line, then run make"
