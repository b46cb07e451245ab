#!/usr/bin/env bash
# install.sh - the body of `make install` (PREFIX, DESTDIR; GRADER_GROUP).
#
# Installs under $DESTDIR$PREFIX:
#   bin/grader, bin/labs        the grader (a wrapper that names its tree
#                               and build folder, so a BUILD or
#                               CORO_LABS_ROOT in the caller's environment
#                               changes nothing) and the student shell
#   share/coro-labs/            common/ and the lab folders (what students
#                               get anyway: headers, skeletons, tests,
#                               points), never solutions/
#   share/coro-labs/build/sol/  what grading links: the tests' objects,
#                               libco.a, the guard, and the references as
#                               objects only, stripped, in solutions/: that
#                               folder is mode 0750 for root and the group
#                               GRADER_GROUP when given (its files 0640),
#                               else 0700 for root alone (files 0600).
#                               The grader reads it as its own user and
#                               runs submissions as the sandbox user, who
#                               cannot; so grade as root or as a member of
#                               GRADER_GROUP.
set -eu
cd "$(dirname "$0")/../.."
source grader/scripts/lib.sh         # lab_var
: "${PREFIX:=/usr/local}" "${DESTDIR:=}" "${BUILD:=build}" "${BIN:=bin}"
share=$DESTDIR$PREFIX/share/coro-labs
labs=($(ls -d lab0*/lab.mk | sed 's|/lab.mk||'))
install -d "$DESTDIR$PREFIX/bin" "$share"
rm -rf "$share/common" "$share/build" "${labs[@]/#/$share/}" "$share/solutions"
cp -r common "${labs[@]}" "$share/"
find "$share" -name '*.o' -delete
chmod -R u=rwX,go=rX "$share"
for lab in "${labs[@]}"; do
    install -d "$share/build/sol/$lab/tests"
    install -m 644 "$BUILD/sol/$lab/tests/"*.o "$share/build/sol/$lab/tests/"
    for f in $(lab_var "$lab" given); do           # given code: not an answer
        install -m 644 "$BUILD/sol/$lab/${f%.c}.o" "$share/build/sol/$lab/"
    done
done
install -d "$share/grader"                          # the static checks' front end
install -m 644 grader/grade_check.py "$share/grader/"
install -d "$share/build/sol/grader/runtime"
install -m 644 "$BUILD/sol/libco.a" "$share/build/sol/"
install -m 644 "$BUILD/sol/grader/runtime/oom_guard.o" "$share/build/sol/grader/runtime/"
refs=$share/build/sol/solutions
install -d -m 700 "$refs"
for lab in "${labs[@]}"; do
    install -d -m 700 "$refs/$lab"
    for o in "$BUILD/sol/solutions/$lab/"*.o; do
        objcopy --strip-debug --discard-all "$o" "$refs/$lab/$(basename "$o")"
        chmod 600 "$refs/$lab/$(basename "$o")"
    done
done
if [ -n "${GRADER_GROUP:-}" ]; then
    chgrp -R "$GRADER_GROUP" "$refs"
    chmod -R g+rX "$refs"
fi
install -m 755 "$BIN/grader" "$share/grader-bin"
install -m 755 "$BIN/labs" "$DESTDIR$PREFIX/bin/labs"
printf '%s\n' '#!/bin/sh' \
    "# coro-labs grader: the installed tree, whatever BUILD or CORO_LABS_ROOT say" \
    "unset BUILD CORO_LABS_ROOT" \
    "exec $PREFIX/share/coro-labs/grader-bin --root $PREFIX/share/coro-labs --build $PREFIX/share/coro-labs/build \"\$@\"" \
    >"$DESTDIR$PREFIX/bin/grader"
chmod 755 "$DESTDIR$PREFIX/bin/grader"
echo "coro-labs installed in $DESTDIR$PREFIX (references: $refs, $([ -n "${GRADER_GROUP:-}" ] && echo "root and group $GRADER_GROUP" || echo "root only"))"
