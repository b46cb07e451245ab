#!/usr/bin/env bash
# handout.sh LAB... - the body of `make handout`: write dist/handout/, the
# labs LAB... as students receive them (typically lab N alone, or labs
# 1..N), then check it in fresh copies.
#
# It holds the Makefile, common/, grader/ (without its own tests), labs/
# (the shell), the labs handed out, and a student README
# (grader/handout/README.md filled in).  Graded isolation links the
# *reference* of every earlier lab, so the labs before the first one handed
# out that a handed-out lab builds on are shipped as their folders plus
# their reference objects, stripped of debug information and local
# symbols, in prebuilt/solutions/; a handed-out lab's reference is never
# shipped (its own file stands in for it: grader/grader.mk).  A handed-out
# lab that needs a lab after the first one that is not handed out is an
# error.  `make test` there is grader/handout/test.sh (what a student can
# test); .github/workflows/grade.yml grades each push, pinned to the
# tests and points by the checksums in .github/coro-labs.sha256.
#
# The checks, in a fresh copy as shipped: it builds; no solution source
# and no reference object of a handed-out lab is in it; the prebuilt
# objects have no local symbol; each skeleton scores 0; `make grade`,
# `make test` and `bin/labs list` run, the list holds the labs handed out
# (the prebuilt ones named as given) and the check and hint it tells a
# student to run work; every build/ and bin/ command the READMEs print
# exists; the workflow's steps pass when run locally.  In a second copy
# whose handed-out files are the references (a student who is done):
# `make test` passes, each lab scores full marks, and every command the
# READMEs print runs (grader/handout/commands.py: what never ends by
# itself, such as `make bench`, is named as not run).
set -u
cd "$(dirname "$0")/../.." || exit 2
root=$PWD
source grader/scripts/lib.sh
: "${BUILD:=build}"
objs=$BUILD
case $objs in /*) ;; *) objs=$root/$objs;; esac
LABINFO=$objs/labinfo      # this tree's manifest reader, for lab_var here (not exported)
unset BUILD BIN CORO_LABS_ROOT CORO_LABS_BUILD CORO_LABS_GRADER   # the copies below are trees of their own
out=${HANDOUT_DIR:-dist/handout}
all=($(ls -d lab0*/lab.mk 2>/dev/null | sed 's|/lab.mk||'))
labs=()
for lab in "$@"; do
    [ -f "$lab/lab.mk" ] || { echo "handout: no lab $lab (labs: ${all[*]})" >&2; exit 2; }
done
for lab in "${all[@]}"; do                  # the tree's order
    for want in "$@"; do [ "$want" = "$lab" ] && labs+=("$lab"); done
done
first=${labs[0]}
before=()
for lab in "${all[@]}"; do [ "$lab" = "$first" ] && break; before+=("$lab"); done
is_in() { local x=$1; shift; for y in "$@"; do [ "$x" = "$y" ] && return 0; done; return 1; }

# The labs to ship prebuilt: every earlier lab a handed-out lab needs.
prebuilt=()
for lab in "${labs[@]}"; do
    for d in $(lab_var "$lab" deps); do
        is_in "$d" "${labs[@]}" && continue
        if ! is_in "$d" "${before[@]}"; then
            echo "handout: $lab needs $d, which is not handed out and comes after $first:" \
                 "hand out $d too, or start the handout later" >&2
            exit 2
        fi
        is_in "$d" "${prebuilt[@]}" || prebuilt+=("$d")
    done
done

section "$out: ${labs[*]}"
rm -rf "$out"
mkdir -p "$out"
cp Makefile "$out/"
[ -f .gitignore ] && cp .gitignore "$out/"
printf '# the earlier labs'"'"' references, compiled: part of the handout\n!prebuilt/solutions/*/*.o\n' >>"$out/.gitignore"
cp -r common grader "$out/"
[ -d labs ] && cp -r labs "$out/"
rm -rf "$out/grader/tests"
cp grader/handout/test.sh "$out/grader/scripts/test.sh"
for lab in "${labs[@]}" "${prebuilt[@]}"; do
    cp -r "$lab" "$out/"
done
files=()
for lab in "${labs[@]}" "${prebuilt[@]}"; do
    # the skeletons as committed (never this tree's working copy, which may
    # hold a student's work), in the lab folders and again for `labs reset`
    # in a handout without git
    from=$(pristine_skeleton "$lab" "$out/.labs-skeleton/$lab")
    for f in $(lab_var "$lab" student); do
        cp "$out/.labs-skeleton/$lab/$f" "$out/$lab/$f"
        is_in "$lab" "${labs[@]}" && files+=("$lab/$f")
    done
    [ "$from" = git ] || skip "$lab: the handout's skeleton from git" "taken from $from"
done
mkdir -p "$out/prebuilt"       # marks the tree as a handout (grader/grader.mk)
printf '%s\n' "The reference of the labs before the first one handed out (${prebuilt[*]:-none here})," \
    "compiled and stripped: your labs are tested and graded against it." >"$out/prebuilt/README"
for d in "${prebuilt[@]}"; do
    mkdir -p "$out/prebuilt/solutions/$d"
    for f in $(lab_var "$d" student); do
        o=$objs/sol/solutions/$d/${f%.c}.o
        if [ ! -f "$o" ]; then
            fail "$o is missing (make build first)"
            continue
        fi
        objcopy --strip-debug --discard-all "$o" "$out/prebuilt/solutions/$d/${f%.c}.o"
    done
done
if [ ${#prebuilt[@]} -gt 0 ]; then
    sentence="The earlier labs ${prebuilt[*]} are here as their reference, compiled (prebuilt/): your labs are tested and graded against it, so that a bug there never costs points here."
else
    sentence="No reference of any lab is here: a lab that builds on an earlier one is tested with your own earlier labs."
fi
sed -e "s|@LABS@|${labs[*]}|g" -e "s|@FIRST@|$first|g" -e "s|@FILES@|${files[*]}|g" \
    -e "s|@PREBUILT_SENTENCE@|$sentence|" grader/handout/README.md >"$out/README.md"
# The workflow for any CI, pinned to this handout's tests and points.
mkdir -p "$out/.github/workflows"
cp .github/workflows/grade.yml "$out/.github/workflows/grade.yml"
(cd "$out" && find Makefile common grader "${labs[@]}" -type f \
     \( -path '*/tests/*' -o -name '*.h' -o -name 'lab.mk' -o -name 'allow.txt' -o \
        -path 'grader/*' -o -path 'common/*' -o -name Makefile \) | LC_ALL=C sort |
     xargs sha256sum >.github/coro-labs.sha256)
echo "${labs[*]}" >"$out/.github/coro-labs-labs"
pass "$out written: ${labs[*]} (prebuilt: ${prebuilt[*]:-none})"
[ -n "${HANDOUT_NO_CHECK:-}" ] && exit 0      # a platform bundle's tree (classroom50.sh, autolab.sh)

tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp

# ---- what is in it ---------------------------------------------------------
bad=$( (cd "$out" && find . -path ./prebuilt -prune -o \( -name '*.o' -o -name '*.a' \) -print;
        [ -d "$out/solutions" ] && echo solutions/) )
[ -z "$bad" ] && pass "no solutions/ and no object but prebuilt/" || fail "the handout holds" "$bad"
leak=
for lab in "${labs[@]}"; do [ -e "$out/prebuilt/solutions/$lab" ] && leak+="$lab "; done
for lab in "${labs[@]}"; do
    for f in $(lab_var "$lab" student); do
        cmp -s "solutions/$lab/$f" "$out/$lab/$f" 2>/dev/null && leak+="$lab/$f(reference) "
    done
done
[ -z "$leak" ] && pass "no reference of a handed-out lab (${labs[*]})" ||
    fail "the handout holds references of handed-out labs: $leak"
locals=$(cd "$out" && for o in $(find prebuilt -name '*.o' 2>/dev/null); do
             nm "$o" | awk -v o="$o" '$2 ~ /^[a-z]$/ && $3 !~ /^[.]L/ { print o ": " $3 }'; done)
# (.LCn: the compiler's nameless labels of constants, which relocations need)
[ -z "$locals" ] && pass "prebuilt objects: no debug information, no named local symbol" ||
    fail "prebuilt objects keep local symbols" "$(head <<<"$locals")"

# ---- a fresh copy, as shipped ------------------------------------------------
cp -r "$out" "$tmp/as-shipped"
h=$tmp/as-shipped
if b=$(cd "$h" && make --no-print-directory 2>&1); then
    pass "make builds the handout"
else
    fail "make fails in the handout" "$(tail -20 <<<"$b")"
fi
for lab in "${labs[@]}"; do
    j=$(cd "$h" && bin/grader --lab "$lab" --submission "$lab" --format json 2>&1)
    s=$(json_number "$j" score)
    [ "$s" = 0 ] && pass "the skeleton of $lab scores 0" ||
        fail "the skeleton of $lab scores '$s'" "$(head -5 <<<"$j")"
done
if g=$(cd "$h" && make --no-print-directory grade 2>&1); then
    miss=
    for lab in "${labs[@]}"; do grep -q "^$lab: " <<<"$g" || miss+="$lab "; done
    for lab in "${prebuilt[@]}"; do grep -q "^$lab: " <<<"$g" && miss+="(not $lab) "; done
    [ -z "$miss" ] && pass "make grade grades ${labs[*]}" || fail "make grade: $miss" "$(tail <<<"$g")"
else
    fail "make grade fails in the handout" "$(tail -20 <<<"$g")"
fi
t=$(cd "$h" && make --no-print-directory test 2>&1)
grep -qE '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' <<<"$t" &&
    pass "make test runs the student's tests: $(grep -E '^[0-9]+ passed' <<<"$t") on the skeletons" ||
    fail "make test in the handout" "$(tail -20 <<<"$t")"
# bin/labs: its table holds the labs handed out (the prebuilt ones are
# named as given), and what it tells a student to run next runs
if l=$(cd "$h" && NO_COLOR=1 bin/labs list 2>&1); then
    bad=
    for lab in "${labs[@]}"; do grep -qE "^  .  $lab " <<<"$l" || bad+="(no row for $lab) "; done
    for lab in "${prebuilt[@]}"; do grep -qE "^  .  $lab " <<<"$l" && bad+="(a row for $lab, given) "; done
    for lab in "${prebuilt[@]}"; do
        grep -qE "given, compiled in prebuilt/:( [a-z0-9_]+)* $lab[ ;]" <<<"$l" ||
            bad+="($lab is not named as given) "
    done
    [ -z "$bad" ] && pass "bin/labs list: the labs handed out, the earlier ones named as given" ||
        fail "bin/labs list: $bad" "$l"
else
    fail "bin/labs list fails" "$(tail <<<"$l")"
fi
said=$(grep -oE '`bin/labs (check|hint) [a-z0-9_]+`' <<<"$l" | tr -d '`' | sort -u)
for c in $(tr ' ' '+' <<<"$said"); do
    c=${c//+/ }
    o=$(cd "$h" && NO_COLOR=1 timeout 300 $c </dev/null 2>&1)
    if grep -q "^error:" <<<"$o" || ! grep -qE "^· $first: 0 of [0-9]+ tests pass|step 1" <<<"$o"; then
        fail "\`$c\`, as bin/labs list says to run it" "$(tail -6 <<<"$o")"
    else
        pass "\`$c\`, as bin/labs list says to run it: $(grep -m1 -E "^· |step 1" <<<"$o")"
    fi
done
[ -n "$said" ] || fail "bin/labs list names no check or hint to run" "$l"
# every command the READMEs print: build/... programs and bin/... tools
cmds=$(cd "$h" && grep -ohE '(build|bin)/[A-Za-z0-9_./-]+' README.md "${labs[@]/%//README.md}" |
       sed 's/[.]$//' | sort -u)
missing=
for c in $cmds; do [ -x "$h/$c" ] || missing+="$c "; done
[ -z "$missing" ] && pass "every build/ and bin/ command the READMEs print exists ($(wc -w <<<"$cmds"))" ||
    fail "commands the READMEs print do not exist: $missing"
# the workflow, run locally: a skeleton's 0 does not fail it; its table
# and JSON are there; a changed points table is named
if w=$(cd "$h" && bash grader/scripts/run-workflow.sh .github/workflows/grade.yml 2>&1) &&
   grep -q "as handed out" <<<"$w" && grep -q "^$first: 0 / " <<<"$w" &&
   [ -s "$h/grade-$first.json" ]; then
    pass "the workflow, run locally: the skeleton's table in the summary, JSON kept, job passes"
else
    fail "the workflow, run locally" "$(tail -15 <<<"$w")"
fi
echo "# changed" >>"$h/$first/lab.mk"
w=$(cd "$h" && bash grader/scripts/run-workflow.sh .github/workflows/grade.yml 2>&1)
grep -q "$first/lab.mk: FAILED" <<<"$w" &&
    pass "the workflow names a changed points table ($first/lab.mk)" ||
    fail "the workflow does not name a changed points table" "$(tail -15 <<<"$w")"

# ---- a second copy: a student who is done --------------------------------------
if [ -d solutions ]; then
    cp -r "$out" "$tmp/done"
    d=$tmp/done
    for lab in "${labs[@]}"; do
        for f in $(lab_var "$lab" student); do cp "solutions/$lab/$f" "$d/$lab/$f"; done
    done
    t=$(cd "$d" && make --no-print-directory test 2>&1) &&
        pass "with the references in place, make test passes: $(tail -1 <<<"$t")" ||
        fail "with the references in place, make test fails" "$(tail -20 <<<"$t")"
    for lab in "${labs[@]}"; do
        j=$(cd "$d" && bin/grader --lab "$lab" --submission "$lab" --format json 2>&1)
        s=$(json_number "$j" score) m=$(json_number "$j" max_score)
        [ -n "$s" ] && [ "$s" = "$m" ] && pass "the reference of $lab scores $s / $m in the handout" ||
            fail "the reference of $lab scores '$s' / '$m' in the handout" "$(head -5 <<<"$j")"
    done
    # every command the READMEs print, run as printed from the handout's
    # root (grader/handout/commands.py: placeholders filled in, the
    # million-task sizes run small, what never ends by itself left out)
    exs=()
    for lab in "${labs[@]}"; do exs+=("$lab=$(lab_var "$lab" examples | awk '{ print $1 }')"); done
    printed=$(cd "$d" && python3 "$root/grader/handout/commands.py" "${exs[@]}" -- README.md \
                  "${labs[@]/%//README.md}" 2>"$tmp/not-run")
    ran=0 broke=
    while IFS= read -r c; do
        [ -z "$c" ] && continue
        ran=$((ran + 1))
        if ! o=$(cd "$d" && CK_FORK=yes timeout 300 bash -c "$c" </dev/null 2>&1); then
            broke+="  \$ $c"$'\n'"$(tail -4 <<<"$o" | sed 's/^/      /')"$'\n'
        fi
    done <<<"$printed"
    [ -z "$broke" ] && pass "the $ran commands the READMEs print run, with the labs done" ||
        fail "printed commands fail, with the labs done:" "$broke"
    sort -u "$tmp/not-run" | sed 's/^/        /'
fi
summary
