#!/usr/bin/env bash
# course.sh - the course workflow's own suite (run by `make test`): taking
# a class as platforms export it (intake.sh), grading it on many machines
# (gradebook.sh), make install (install.sh), the instructors' recipes
# (recipes.sh), the platform bundles and the handout (platforms.sh).
# Each part is a script of its own beside this one; this prints each
# part's last line, and in full only the failures.
set -u
cd "$(dirname "$0")" || exit 2
status=0
for part in intake.sh gradebook.sh install.sh recipes.sh platforms.sh; do
    out=$(bash "$part" 2>&1)
    if [ $? = 0 ]; then
        echo "$part: $(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' <<<"$out" | tail -1)"
    else
        status=1
        echo "$part FAILED:"
        grep -A12 -E '^  (FAIL|.*FAIL  )' <<<"$out" | head -60
    fi
done
exit $status
