#!/usr/bin/env bash
# setup.sh - Gradescope runs this once, as root, when it builds the
# autograder image from gradescope-<lab>.zip (unpacked in
# /autograder/source).  It installs the Debian/Ubuntu packages coro-labs
# builds with and builds the grader and what it links against.
# CORO_LABS_NO_APT=1 skips the installation (the test of the bundle).
set -eu
cd "$(dirname "$0")"
if [ "${CORO_LABS_NO_APT:-}" != 1 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
        build-essential make pkg-config check libsubunit-dev libseccomp-dev binutils \
        python3 python3-clang
fi
make --no-print-directory BUILD=build BIN=bin grader-ready
# Nothing in the tree is for the sandbox user's eyes: submissions are
# compiled and run as `nobody`, who now cannot even list this folder.
chmod 700 .
