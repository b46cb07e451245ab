#!/usr/bin/env bash
# handout.sh LAB... - the body of `make handout`: build dist/handout/, the
# labs as students receive them.
#
# It holds the Makefile, README.md, common/, grader/, labs/ (the shell)
# and the lab folders, but no solutions/.  So that graded isolation still
# works (a lab's tests link the *reference* of the earlier labs), the
# reference objects of every lab that a handed-out lab builds on are
# shipped prebuilt, without debug information, in prebuilt/solutions/;
# grader/grader.mk copies them into the build folder when solutions/ is
# absent.  The handout is then checked: it builds in a fresh copy, and the
# grader gives each untouched skeleton 0 there and each reference (from
# this tree) full marks, through the prebuilt objects.
set -u
cd "$(dirname "$0")/../.." || exit 2
root=$PWD
source grader/scripts/lib.sh
: "${BUILD:=build}"
case $BUILD in /*) ;; *) BUILD=$root/$BUILD;; esac
out=dist/handout
rm -rf "$out"
mkdir -p "$out"
section "dist/handout"
cp Makefile "$out/"
[ -f README.md ] && cp README.md "$out/"
[ -f .gitignore ] && cp .gitignore "$out/"
cp -r common grader "$out/"
[ -d labs ] && cp -r labs "$out/"
rm -rf "$out/grader/tests"
need=()
for lab in "$@"; do
    cp -r "$lab" "$out/"
    for d in $(lab_var "$lab" deps); do need+=("$d"); done
    # the skeletons as committed (never this tree's working copy), in the
    # lab folders and again for `labs reset` in a handout without git
    from=$(pristine_skeleton "$lab" "$out/.labs-skeleton/$lab")
    for f in $(lab_var "$lab" student); do cp "$out/.labs-skeleton/$lab/$f" "$out/$lab/$f"; done
    [ "$from" = git ] || skip "$lab: the handout's skeleton from git" "taken from $from"
done
for d in $(printf '%s\n' "${need[@]}" | sort -u); do
    mkdir -p "$out/prebuilt/solutions/$d"
    for f in $(lab_var "$d" student); do
        o=$BUILD/sol/solutions/$d/${f%.c}.o
        if [ ! -f "$o" ]; then
            fail "$o is missing (make build first)"
            continue
        fi
        objcopy --strip-debug "$o" "$out/prebuilt/solutions/$d/${f%.c}.o"
    done
done
pass "$out written: $* (prebuilt: $(printf '%s ' $(printf '%s\n' "${need[@]}" | sort -u)))"

# Check it in a fresh copy, with a build folder of its own.
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
cp -r "$out" "$tmp/handout"
if b=$(cd "$tmp/handout" && make --no-print-directory BUILD=build BIN=bin build 2>&1); then
    pass "the handout builds (make build)"
else
    fail "the handout does not build" "$(tail -20 <<<"$b")"
fi
for lab in "$@"; do
    j=$(cd "$tmp/handout" && TMPDIR=$tmp bin/grader --lab "$lab" --submission "$lab" --format json 2>&1)
    s=$(json_number "$j" score)
    [ "$s" = 0 ] && pass "handout: the skeleton of $lab scores 0" || fail "handout: the skeleton of $lab scores '$s'" "$(head -5 <<<"$j")"
    if [ -d "solutions/$lab" ]; then
        j=$(cd "$tmp/handout" && TMPDIR=$tmp bin/grader --lab "$lab" --submission "$root/solutions/$lab" --format json 2>&1)
        s=$(json_number "$j" score) m=$(json_number "$j" max_score)
        [ -n "$s" ] && [ "$s" = "$m" ] && pass "handout: the reference of $lab scores $s / $m (earlier labs prebuilt)" ||
            fail "handout: the reference of $lab scores '$s' / '$m'" "$(head -5 <<<"$j")"
    fi
done
[ -d "$tmp/handout/solutions" ] && fail "the handout contains solutions/"
summary
