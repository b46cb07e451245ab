#!/usr/bin/env bash
# gradescope.sh LAB... - the body of `make gradescope`: build
# dist/gradescope-<lab>.zip for every lab, then prove each bundle works by
# unpacking it into a temporary root that mimics Gradescope's /autograder,
# running its setup.sh (without apt-get) and its run_autograder on the
# reference solution (full marks) and on the skeleton (zero).
#
# A bundle holds: setup.sh, run_autograder (at the top, where Gradescope
# looks), the file GRADESCOPE_LAB, and the sources the grader needs: the
# Makefile, common/, grader/, the lab, its earlier labs and their reference
# solutions (not the lab's own, unless the lab has a speed part, which is
# timed against it), and hidden/<lab> when $HIDDEN/<lab> exists.
set -u
cd "$(dirname "$0")/../.." || exit 2
root=$PWD
source grader/scripts/lib.sh
: "${BUILD:=build}"
command -v zip >/dev/null 2>&1 || { echo "gradescope: zip is not installed (apt-get install zip)" >&2; exit 1; }
mkdir -p dist
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

json_score() { grep -oE "\"$2\"[[:space:]]*:[[:space:]]*[0-9.]+" "$1" 2>/dev/null | head -1 | grep -oE '[0-9.]+$'; }

for lab in "$@"; do
    section "gradescope-$lab.zip"
    stage=$tmp/stage-$lab
    mkdir -p "$stage"
    cp Makefile "$stage/"
    cp -r common grader "$stage/"
    rm -rf "$stage/grader/tests"
    cp grader/gradescope/setup.sh grader/gradescope/run_autograder "$stage/"
    echo "$lab" >"$stage/GRADESCOPE_LAB"
    deps=$(lab_var "$lab" deps)
    for l in $lab $deps; do
        cp -r "$l" "$stage/"
        rm -rf "$stage/$l/examples" "$stage/$l/bench"
    done
    # the lab's own reference too when it has a speed part: the grader
    # times the submission against it (grader/README.md, "The speed part")
    refs=$deps
    [ -n "$(lab_var "$lab" speed)" ] && refs="$refs $lab"
    for d in $refs; do
        mkdir -p "$stage/solutions"
        cp -r "solutions/$d" "$stage/solutions/"
    done
    if [ -n "${HIDDEN:-}" ] && [ -d "$HIDDEN/$lab" ]; then
        mkdir -p "$stage/hidden"
        cp -r "$HIDDEN/$lab" "$stage/hidden/"
    fi
    zip="dist/gradescope-$lab.zip"
    rm -f "$zip"
    (cd "$stage" && zip -qr "$root/$zip" .) || { fail "$lab: zip failed"; continue; }
    pass "$zip written ($(du -k "$zip" | cut -f1) KiB)"

    # The mimic of /autograder: source/ from the zip, then setup.sh.
    ag=$tmp/ag-$lab
    mkdir -p "$ag/source"
    if command -v unzip >/dev/null 2>&1; then
        (cd "$ag/source" && unzip -q "$root/$zip")
    else
        python3 -m zipfile -e "$root/$zip" "$ag/source"
    fi
    if out=$(cd "$ag/source" && CORO_LABS_NO_APT=1 bash setup.sh 2>&1); then
        pass "$lab: setup.sh builds the bundle"
    else
        fail "$lab: setup.sh failed" "$(tail -20 <<<"$out")"
        continue
    fi
    cp "$ag/source/run_autograder" "$ag/run_autograder"
    pristine_skeleton "$lab" "$tmp/skel-$lab" >/dev/null
    for who in "solutions/$lab" "$tmp/skel-$lab"; do
        rm -rf "$ag/submission" "$ag/results"
        mkdir -p "$ag/submission"
        for f in $(lab_var "$lab" student); do cp "$who/$f" "$ag/submission/"; done
        AUTOGRADER_ROOT=$ag bash "$ag/run_autograder" >/dev/null 2>&1
        score=$(json_score "$ag/results/results.json" score)
        max=$(json_score "$ag/results/results.json" max_score)
        if [ "$who" = "$tmp/skel-$lab" ]; then
            [ "$score" = 0 ] && pass "$lab: run_autograder gives the skeleton 0 / $max" ||
                fail "$lab: run_autograder gives the skeleton '$score'" "$(head -c 2000 "$ag/results/results.json")"
        else
            [ -n "$score" ] && [ "$score" = "$max" ] && pass "$lab: run_autograder gives the reference $score / $max" ||
                fail "$lab: run_autograder gives the reference '$score' / '$max'" \
                     "$(head -c 2000 "$ag/results/results.json"; cat "$ag/results/grader.log")"
        fi
    done
done
summary
