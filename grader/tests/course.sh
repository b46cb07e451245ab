#!/usr/bin/env bash
# course.sh - the course workflow's own suite (run by `make test`): taking
# a class as platforms export it, grading it on many machines, the
# platforms' bundles.  Each part is a script of its own beside this one.
set -u
cd "$(dirname "$0")" || exit 2
status=0
for part in intake.sh gradebook.sh install.sh platforms.sh; do
    [ -f "$part" ] || continue
    bash "$part" || status=1
done
exit $status
