#!/usr/bin/env bash
# bench.sh LAB... - `make bench`: each lab's benchmarks (LAB.bench in
# lab.mk: LAB/bench/NAME.c and its CPython twin NAME.py), run one after
# the other in the same invocation so that both see the same machine,
# printed side by side with the ratio.  Each program prints lines
# "workload<TAB>ns per op"; lines are paired by workload name.
# BENCH_N=<n> passes a size to every program (default: their own).
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${BUILD:=build}"
source grader/scripts/lib.sh

have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '%-44s %12s %12s %9s\n' "workload" "C ns/op" "CPython" "ratio"
for lab in "$@"; do
    for name in $(lab_var "$lab" bench); do
        printf '\n%s/bench/%s (reference solution)\n' "$lab" "$name"
        "$BUILD/sol/$lab/bench/$name" ${BENCH_N:+"$BENCH_N"} >"$tmp/c" || {
            echo "  the C benchmark failed"; continue; }
        : >"$tmp/py"
        if [ $have_python = 1 ]; then
            python3 "$lab/bench/$name.py" ${BENCH_N:+"$BENCH_N"} >"$tmp/py" ||
                echo "  the Python twin failed"
        fi
        while IFS=$'\t' read -r what c_ns; do
            py_ns=$(awk -F'\t' -v w="$what" '$1 == w { print $2 }' "$tmp/py")
            if [ -n "$py_ns" ]; then
                ratio=$(awk -v c="$c_ns" -v p="$py_ns" 'BEGIN { printf "%.1fx", p / c }')
            else
                py_ns=-; ratio=-
            fi
            printf '  %-42s %12s %12s %9s\n' "$what" "$c_ns" "$py_ns" "$ratio"
        done <"$tmp/c"
    done
done
echo
echo "ratio = CPython time / C time (higher: the C reference is faster)."

# The grader itself: one lab of one submission, then a small class.
: "${BIN:=bin}"
seconds() { date +%s.%N; }
printf '\n%-44s %12s\n' "grader" "seconds"
for lab in "$@"; do
    t0=$(seconds)
    "$BIN/grader" --lab "$lab" --submission "solutions/$lab" --format json >/dev/null 2>&1
    t1=$(seconds)
    printf '  %-42s %12.2f\n' "one submission of $lab" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
done
class=$tmp/class
for k in $(seq 1 20); do
    mkdir -p "$class/student$k"
    if [ $((k % 2)) = 0 ]; then src=solutions/$1; else src=$1; fi
    cp "$src"/*.c "$class/student$k/"
done
t0=$(seconds)
"$BIN/grader" --batch "$class" --lab "$1" -j "$(nproc)" --output "$tmp/grades" >/dev/null 2>&1
t1=$(seconds)
printf '  %-42s %12.2f\n' "a class of 20 ($1, -j $(nproc))" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
