#!/usr/bin/env bash
# platforms.sh - the platform bundles and the handout, built and run as
# their platforms run them (each script checks itself; see its header):
# Classroom 50 for lab05 (a lab of several files), Autolab for lab01 (one
# file, handed in by its name) and lab05 (handin.zip), and the handout of
# lab04 alone (labs 1..3 prebuilt), its workflow run locally and every
# command its READMEs and bin/labs print run.
set -u
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
bash grader/platforms/classroom50.sh lab05_gather || status=1
bash grader/platforms/autolab.sh lab01_generators lab05_gather || status=1
HANDOUT_DIR=$tmp/handout bash grader/scripts/handout.sh lab04_tasks || status=1
exit $status
