#!/usr/bin/env bash
# assemble.sh CASE-DIR SKELETON OUT-DIR - write OUT-DIR/gen.c for one
# hostile case.  A case is either a whole gen.c of its own, or an
# attack.c: its comment replaces the skeleton's, the rest goes right
# after the skeleton's #include lines, and if it defines hostile(), a
# call to it goes before every TODO's `return CO_ENOSYS;` / `return NULL;`
# so that each test's first call into the submission runs the attack.
# Keeping only the attack here means the cases follow the skeleton.
set -eu
case_dir=$1 skeleton=$2 out=$3
mkdir -p "$out"
if [ -f "$case_dir/gen.c" ]; then
    cp "$case_dir/gen.c" "$out/gen.c"
    exit 0
fi
attack=$case_dir/attack.c
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
    state == "includes" && /^\/\* ---- Step 1/ { print_attack(2); state = "body" }
    state == "body" && calls && /^    return (CO_ENOSYS|NULL);$/ { print "    hostile();" }
    { print }
' "$skeleton" >"$out/gen.c"
