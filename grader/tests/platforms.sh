#!/usr/bin/env bash
# platforms.sh - the platform bundles and the handout, built and run as
# their platforms run them (each script checks itself; see its header):
# Classroom 50 and Autolab for lab01, and the handout of lab02 alone (the
# case with a prebuilt earlier lab), its workflow run locally.
set -u
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
bash grader/platforms/classroom50.sh lab01_generators || status=1
bash grader/platforms/autolab.sh lab01_generators || status=1
HANDOUT_DIR=$tmp/handout bash grader/scripts/handout.sh lab02_yieldfrom || status=1
exit $status
