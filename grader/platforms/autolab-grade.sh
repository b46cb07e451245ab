#!/usr/bin/env bash
# autolab-grade.sh LAB - run inside an Autolab job (Tango) by the
# assessment's autograde-Makefile, after `tar xf autograde.tar`.  The
# folder holds the handin file: the lab's file by its name (gen.c), or
# handin.c (one-file labs), or a zip of the files (handin.zip).  It builds
# the instructor's tree (coro-labs/), checks it against pins.sha256 (and a
# zipped handin's own copies of pinned files, which never count), grades,
# prints the grader's table, and as its last line the JSON Autolab reads:
#   {"scores": {"LAB": N}, "scoreboard": [N]}
# When the grader itself fails it prints why and no scores (exit 1), so
# Autolab reports an autograder error rather than a 0.
set -u
lab=${1:?usage: autolab-grade.sh LAB}
here=$PWD
tree=$here/coro-labs
files=$(cat "$here/coro-labs-autolab/FILES")
export TMPDIR=${TMPDIR:-/tmp}
unset BUILD BIN MAKEFLAGS MFLAGS MAKELEVEL CORO_LABS_ROOT   # the tree's own build folder
if ! (cd "$tree" && make --no-print-directory grader-ready >"$here/build.log" 2>&1); then
    echo "autograder: the grader did not build:"; tail -30 "$here/build.log"; exit 1
fi
(cd "$tree" && sha256sum --quiet -c "$here/coro-labs-autolab/pins.sha256") ||
    { echo "autograder: the autograde.tar's tests differ from their checksums: rebuild it (make autolab)"; exit 1; }
rm -rf "$here/class"
mkdir -p "$here/class/handin"
set -- $files
for f in $files; do [ -f "$here/$f" ] && [ ! -L "$here/$f" ] && cp "$here/$f" "$here/class/handin/"; done
[ $# = 1 ] && [ -f "$here/handin.c" ] && [ ! -L "$here/handin.c" ] && cp "$here/handin.c" "$here/class/handin/$1"
[ -f "$here/handin.zip" ] && cp "$here/handin.zip" "$here/class/handin/"
"$tree/bin/grader" --root "$tree" --build "$tree/build" --intake "$here/class" --lab "$lab" --output "$here/staged" \
    >/dev/null 2>"$here/intake.log" || { echo "autograder: intake failed:"; cat "$here/intake.log"; exit 1; }
if [ -f "$here/handin.zip" ]; then
    mkdir -p "$here/peek" && (cd "$here/peek" && unzip -qq -o "$here/handin.zip" 2>/dev/null)
    while read -r digest rel; do
        for f in $(cd "$here/peek" && find . -path "*/$rel" -type f 2>/dev/null); do
            [ "$(sha256sum <"$here/peek/$f" | cut -d' ' -f1)" = "$digest" ] ||
                echo "autograder: your copy of $rel differs from the instructor's: graded with the instructor's"
        done
    done <"$here/coro-labs-autolab/pins.sha256"
fi
"$tree/bin/grader" --root "$tree" --build "$tree/build" --lab "$lab" --submission "$here/staged/handin" \
    --format json --output "$here/report.json" 2>"$here/grader.log"
status=$?
"$tree/bin/grader" --root "$tree" --build "$tree/build" --lab "$lab" --submission "$here/staged/handin" 2>/dev/null
if [ $status != 0 ] || [ ! -s "$here/report.json" ]; then
    echo "autograder: the grader failed (status $status):"; cat "$here/grader.log"; exit 1
fi
score=$(grep -oE '"score"[[:space:]]*:[[:space:]]*[0-9.]+' "$here/report.json" | head -1 | grep -oE '[0-9.]+$')
printf '{"scores": {"%s": %s}, "scoreboard": [%s]}\n' "$lab" "$score" "$score"
