#!/usr/bin/env bash
# install.sh - `make install` into a scratch prefix: no solution source in
# the installed tree, the references only as objects no ordinary user can
# read, bin/labs installed, and the installed grader grades (full marks
# for the reference, 0 for the skeleton) whatever BUILD says.
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
lab=lab01_generators
section "make install"
prefix=$tmp/prefix
if ! out=$(make --no-print-directory install PREFIX="$prefix" 2>&1); then
    fail "make install failed" "$(tail -20 <<<"$out")"
    summary; exit 1
fi
share=$prefix/share/coro-labs
pass "installed: $(tail -1 <<<"$out")"
src=
for f in solutions/*/*.c; do
    while IFS= read -r g; do cmp -s "$f" "$g" && src+="$g "; done < <(find "$prefix" -name "$(basename "$f")")
done
[ -z "$src" ] && [ ! -e "$share/solutions" ] && pass "no solution source in the installed tree" ||
    fail "the installed tree holds solution sources: $src"
readable=$(find "$share/build/sol/solutions" -perm /o+r 2>/dev/null)
absent=
for l in $(ls -d lab0*/lab.mk | sed 's|/lab.mk||'); do
    for f in $(lab_var "$l" student); do
        [ -f "$share/build/sol/solutions/$l/${f%.c}.o" ] || absent+="$l/${f%.c}.o "
    done
done
[ -z "$absent" ] && [ -z "$readable" ] &&
    pass "every lab's reference objects are there, readable by root alone ($(stat -c %A "$share/build/sol/solutions"))" ||
    fail "reference objects missing ($absent) or readable by others" "$readable"
# No file an ordinary user can read defines a function of a reference:
# every ELF object, archive and program of the installed tree that is
# readable by others, against the functions the references define.
refsyms=$tmp/refsyms
for o in build/sol/solutions/*/*.o; do nm --defined-only -g "$o" | awk '$2 == "T" { print $3 }'; done |
    sort -u >"$refsyms"
exposed=
while IFS= read -r f; do
    head -c 8 "$f" | grep -qaE '^(.ELF|!<arch>)' || continue
    hit=$(nm --defined-only -g "$f" 2>/dev/null | awk '$2 == "T" { print $3 }' | sort -u |
          comm -12 - "$refsyms" | head -3 | tr '\n' ' ')
    [ -n "$hit" ] && exposed+="${f#$prefix/} ($hit) "
done < <(find "$prefix" -type f -perm /o+r)
[ -z "$exposed" ] && pass "no file readable by others defines a reference's function ($(wc -l <"$refsyms") functions, lab01..$(ls -d lab0*/ | tail -1 | cut -c4-5))" ||
    fail "files others can read expose a reference" "$exposed"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    if setpriv --reuid=nobody --regid=nogroup --clear-groups \
           cat "$share/build/sol/solutions/$lab/gen.o" >/dev/null 2>&1; then
        fail "the user nobody can read a reference object"
    else
        pass "the user nobody cannot read a reference object"
    fi
fi
nm "$share/build/sol/solutions/$lab/gen.o" | awk '$2 ~ /^[a-z]$/ && $3 !~ /^[.]L/' | grep -q . &&
    fail "installed reference objects keep local symbols" ||
    pass "installed reference objects: stripped of debug information and local symbols"
[ -x "$prefix/bin/labs" ] && "$prefix/bin/labs" --help >/dev/null 2>&1 &&
    pass "bin/labs is installed and runs" || fail "bin/labs is not installed"
for who in "solutions/$lab" "$lab"; do
    j=$(cd "$tmp" && BUILD=mybuild CORO_LABS_ROOT=/nowhere "$prefix/bin/grader" --lab $lab \
        --submission "$OLDPWD/$who" --format json 2>&1)
    s=$(json_number "$j" score) m=$(json_number "$j" max_score)
    if [ "$who" = "$lab" ]; then want=0; else want=$m; fi
    [ -n "$s" ] && [ "$s" = "$want" ] &&
        pass "the installed grader, with BUILD=mybuild: $who scores $s / $m" ||
        fail "the installed grader on $who: '$s' / '$m'" "$(head -5 <<<"$j")"
done
summary
