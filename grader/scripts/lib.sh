# lib.sh - small helpers the test scripts share (sourced, not run).

n_pass=0
n_fail=0
n_skip=0
failures=()
skips=()

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
    c_ok=$'\e[32m' c_bad=$'\e[31m' c_dim=$'\e[2m' c_off=$'\e[0m'
else
    c_ok= c_bad= c_dim= c_off=
fi

section() { printf '\n== %s\n' "$1"; }

# pass WHAT [DETAIL]
pass() {
    n_pass=$((n_pass + 1))
    printf '  %sok%s    %s\n' "$c_ok" "$c_off" "$1"
}

# fail WHAT [DETAIL]: DETAIL is indented below
fail() {
    n_fail=$((n_fail + 1))
    failures+=("$1")
    printf '  %sFAIL%s  %s\n' "$c_bad" "$c_off" "$1"
    [ -n "${2:-}" ] && printf '%s\n' "$2" | sed "s/^/        /" | head -40
    return 0
}

# lab_var LAB KEY [ARGS]: what LAB/lab.mk says (common/labinfo/labinfo.c
# lists the keys; the scripts never read a lab.mk themselves).  Run from
# the root of the tree, after make has built $BUILD/labinfo.
lab_var() {
    local info=${LABINFO:-${BUILD:-build}/labinfo}
    case $info in /*) ;; *) info=$PWD/$info;; esac
    "$info" "$@"
}

# skip WHAT WHY: a check that could not run here, counted and named
skip() {
    n_skip=$((n_skip + 1))
    skips+=("$1: $2")
    printf '  %sskip%s  %s (%s)\n' "$c_dim" "$c_off" "$1" "$2"
}

# pristine_skeleton LAB DIR: the lab's student files as committed, into DIR.
# Taken from git HEAD (the student's working copy may be their own work, and
# git is the one copy a build never writes); in a tree without git (a
# handout), from .labs-skeleton/LAB/, which handout.sh keeps.  Prints where
# it took them from.
pristine_skeleton() {
    local lab=$1 dir=$2 f from=
    mkdir -p "$dir"
    for f in $(lab_var "$lab" student); do
        if git cat-file -e "HEAD:$lab/$f" 2>/dev/null; then
            git show "HEAD:$lab/$f" >"$dir/$f"; from=git
        elif [ -f ".labs-skeleton/$lab/$f" ]; then
            cp ".labs-skeleton/$lab/$f" "$dir/$f"; from=.labs-skeleton
        else
            cp "$lab/$f" "$dir/$f"; from="the lab folder (no git, no .labs-skeleton)"
        fi
    done
    echo "$from"
}

# json_number JSON KEY: the first top-level-looking "KEY": NUMBER
json_number() {
    grep -oE "\"$2\"[[:space:]]*:[[:space:]]*[0-9.]+" <<<"$1" | head -1 | grep -oE '[0-9.]+$'
}

summary() {
    echo
    if [ $n_fail -gt 0 ]; then
        echo "Failed:"
        printf '  - %s\n' "${failures[@]}"
    fi
    if [ $n_skip -gt 0 ]; then
        echo "Skipped:"
        printf '  - %s\n' "${skips[@]}"
    fi
    echo "$n_pass passed, $n_fail failed, $n_skip skipped"
    [ $n_fail -eq 0 ]
}

# bench_pythons: the interpreters of make bench's Python columns, in $py
# and $uv: the first that can import uvloop serves both (Debian's
# /usr/bin/python3 with python3-uvloop; `python3` on PATH may be another
# build); without one, $uv is empty and $py any python3.
bench_pythons() {
    local cand
    py= uv=
    for cand in /usr/bin/python3 "$(command -v python3 2>/dev/null)" /usr/local/bin/python3; do
        [ -n "$cand" ] && [ -x "$cand" ] || continue
        if "$cand" -c 'import uvloop' >/dev/null 2>&1; then
            py=$cand uv=$cand
            return 0
        fi
        [ -n "$py" ] || py=$cand
    done
}
