#!/usr/bin/env bash
# assemble.sh CASE-DIR SKELETON LAB OUT-DIR - write OUT-DIR/<skeleton's
# name> for one hostile case against one lab.  In either form of a case,
# @LAB@, @FILE@ and @ROOT@ stand for the lab, the file's name and the
# tree's absolute path.  A case is either:
#   - source.c, a whole student file; or
#   - attack.c: its comment replaces the skeleton's, the rest goes right
#     after the skeleton's #include lines, and if it defines hostile(), a
#     call to it goes before every TODO's `return CO_ENOSYS;` /
#     `return NULL;`, so that each test's first call into the submission
#     runs the attack.
# Keeping only the attack here means the cases follow every lab's skeleton.
set -eu
case_dir=$1 skeleton=$2 lab=$3 out=$4
file=$(basename "$skeleton")
root=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$out"
fill() { sed -e "s|@LAB@|$lab|g" -e "s|@FILE@|$file|g" -e "s|@ROOT@|$root|g" "$1"; }
if [ -f "$case_dir/source.c" ]; then
    fill "$case_dir/source.c" >"$out/$file"
    exit 0
fi
attack=$out/.attack.c
fill "$case_dir/attack.c" >"$attack"
trap 'rm -f "$attack"' EXIT
calls=0
grep -q '^static void hostile(void)' "$attack" && calls=1
awk -v attack="$attack" -v calls="$calls" '
    function print_attack(part,   line, in_header) {
        # part 1: the leading comment; part 2: everything after it
        in_header = 1
        while ((getline line < attack) > 0) {
            if (part == 1 && in_header) print line
            if (part == 2 && !in_header) print line
            if (in_header && line == " */") in_header = 0
        }
        close(attack)
    }
    BEGIN { state = "header" }
    state == "header" { if ($0 == " */") { print_attack(1); state = "includes" } next }
    state == "includes" && !/^#/ && !/^[[:space:]]*$/ { print_attack(2); state = "body" }
    state == "body" && calls && /^    return (CO_ENOSYS|NULL);$/ { print "    hostile();" }
    { print }
' "$skeleton" >"$out/$file"
