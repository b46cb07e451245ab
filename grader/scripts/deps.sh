#!/usr/bin/env bash
# deps.sh --check | --install | --bench
# Makes sure the Debian packages coro-labs builds with are present.
#   --check    say exactly what to install and fail if anything is missing
#   --install  install what is missing with apt-get when run as root
#              (otherwise behave like --check)
#   --bench    the build's packages, plus what `make bench` compares with
#              and draws with: python3-uvloop (for Debian's python3) and
#              gnuplot; installed as --install does
# valgrind and python3 are needed by `make test` only (python3 runs the
# examples' asyncio twins and grader/scripts/pycheck.py); binutils
# (objcopy, objdump) by its step checks.
set -u
mode=${1:---check}

missing=()
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v make >/dev/null 2>&1 || missing+=(make)
have_pc check || missing+=(check)
# check's pkg-config file asks for subunit; Debian ships it separately
have_pc libsubunit || [ -e /usr/lib/x86_64-linux-gnu/libsubunit.so ] || \
    ls /usr/lib/*/libsubunit.so >/dev/null 2>&1 || missing+=(libsubunit-dev)
have_pc readline || [ -e /usr/include/readline/readline.h ] || missing+=(libreadline-dev)
have_pc libseccomp || missing+=(libseccomp-dev)
# the grader's static checks (grader/grade_check.py) and make mutate parse C
# with libclang, through Debian's python3
/usr/bin/python3 -c 'import clang.cindex; clang.cindex.Index.create()' >/dev/null 2>&1 ||
    missing+=(python3-clang)
if [ "$mode" = --install ]; then
    command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    command -v objcopy >/dev/null 2>&1 || missing+=(binutils)
    command -v git >/dev/null 2>&1 || missing+=(git)
    command -v zip >/dev/null 2>&1 || missing+=(zip)
    command -v unzip >/dev/null 2>&1 || missing+=(unzip)
    command -v prove >/dev/null 2>&1 || missing+=(perl)    # grader/tests/run.sh reads TAP with it
    # grader/tests/gradebook.sh: a class through GNU parallel, locally and
    # over ssh to a private sshd on localhost
    command -v parallel >/dev/null 2>&1 || missing+=(parallel)
    [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
    command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
fi
if [ "$mode" = --bench ]; then
    /usr/bin/python3 -c 'import uvloop' >/dev/null 2>&1 || missing+=(python3-uvloop)
    command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$mode" != --check ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "coro-labs: installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || { echo "coro-labs: apt-get update failed" >&2; exit 1; }
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        { echo "coro-labs: apt-get install ${missing[*]} failed" >&2; exit 1; }
    exit 0
fi

{
    echo "coro-labs: missing Debian packages: ${missing[*]}"
    echo "Install them with:"
    echo "    sudo apt-get install ${missing[*]}"
} >&2
exit 1
