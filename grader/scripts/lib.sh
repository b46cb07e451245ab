# lib.sh - small helpers the test scripts share (sourced, not run).

n_pass=0
n_fail=0
failures=()

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

# lab_var LAB KEY: the value of "LAB.KEY := value" in LAB/lab.mk
lab_var() {
    sed -n "s/^$1\\.$2[[:space:]]*:=[[:space:]]*//p" "$1/lab.mk"
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
    echo "$n_pass passed, $n_fail failed"
    [ $n_fail -eq 0 ]
}
