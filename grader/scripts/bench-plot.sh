#!/usr/bin/env bash
# bench-plot.sh [--quick] [OUT.svg] - how cost grows with the work:
# call_soon, timers, tasks and gathered tasks at N = 1,000 to 1,000,000
# (x10 steps), time per item and bytes per item, in C (the reference),
# CPython asyncio and uvloop, drawn with gnuplot as an SVG (default
# docs/bench-scaling.svg; its data beside it, .dat).  One fresh process
# per point and side: the same programs and interpreters as bench.sh
# (lab03's loop, lab04's tasks, lab05's gather).  `make bench` runs it.
#   BENCH_SIZES="1000 10000 100000 1000000"  the values of N
# --quick: N = 1000 and 10000 into a temporary file, and every point
# must be there (bench.sh --quick runs it: proves the plot can be made).
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${BUILD:=build}"
source grader/scripts/lib.sh
quick=0
if [ "${1:-}" = --quick ]; then
    quick=1
    shift
fi
out=${1:-docs/bench-scaling.svg}
sizes=${BENCH_SIZES:-1000 10000 100000 1000000}
if [ $quick = 1 ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    out=$tmp/scaling.svg sizes="1000 10000"
fi
dat=${out%.svg}.dat
command -v gnuplot >/dev/null 2>&1 || { echo "bench-plot: no gnuplot (apt-get install gnuplot-nox)" >&2; exit 1; }
bench_pythons

# the curves: program, then the workload's line (as the program prints it)
curves=(
    "lab03_eventloop/bench/loop|call_soon + call, n queued at once"
    "lab03_eventloop/bench/loop|timer call_later + fire, n random delays"
    "lab04_tasks/bench/tasks|tasks, each awaiting sleep(0) once, run to completion"
    "lab05_gather/bench/gather|a million tasks: gather(*(sleep(0) ...)) to completion"
)
progs=(lab03_eventloop/bench/loop lab04_tasks/bench/tasks lab05_gather/bench/gather)

# field WORKLOAD COLUMN < program output: the figure, or NaN (gnuplot skips it)
field() { awk -F'\t' -v w="$1" -v c="$2" '$1 == w && $c != "" { print $c; found = 1 }
                                          END { if (!found) print "NaN" }'; }

mkdir -p "$(dirname "$out")"
{
    echo "# N, then per side (C, CPython, uvloop) and curve (call_soon with N queued,"
    echo "# N timers, N tasks, N tasks gathered): ns per item, bytes per item"
    for n in $sizes; do
        row="$n"
        for side in c py uv; do
            declare -A got=()
            for p in "${progs[@]}"; do
                case $side in
                    c)  got[$p]=$("$BUILD/sol/$p" "$n") ;;
                    py) [ -n "$py" ] && got[$p]=$("$py" "$p.py" "$n") ;;
                    uv) [ -n "$uv" ] && got[$p]=$("$uv" "$p.py" "$n" --uvloop) ;;
                esac
            done
            for c in "${curves[@]}"; do
                p=${c%%|*} w=${c#*|}
                row+=" $(field "$w" 2 <<<"${got[$p]:-}") $(field "$w" 3 <<<"${got[$p]:-}")"
            done
            unset got
        done
        echo "$row"
        [ $quick = 1 ] || echo "bench-plot: N = $n done" >&2
    done
} >"$dat"

if [ $quick = 1 ] && grep -v '^#' "$dat" | grep -q NaN; then
    echo "bench-plot --quick: points are missing (NaN):" >&2
    cat "$dat" >&2
    exit 1
fi

# columns: 1 N; side s (0 C, 1 CPython, 2 uvloop), curve k (0..3):
# ns at 2 + 8s + 2k, bytes at 3 + 8s + 2k
names=("call\\\\_soon" timers tasks "gathered tasks") sides=(C CPython uvloop)
plot_of() {            # plot_of 0|1: the plot command of ns (0) or bytes (1)
    local sep="plot" k s
    for k in 0 1 2 3; do
        for s in 0 1 2; do
            printf '%s "%s" u 1:%d w lp lc %d pt %d dt %d t "%s, %s"' "$sep" "$dat" \
                $((2 + $1 + 8 * s + 2 * k)) $((k + 1)) $((7 - 2 * s)) $((s + 1)) \
                "${names[k]}" "${sides[s]}"
            sep=", \\"$'\n'
        done
    done
    echo
}
gnuplot <<EOF2 || { echo "bench-plot: gnuplot failed" >&2; exit 1; }
set terminal svg size 1100,520 dynamic font "sans,11"
set output "$out"
set multiplot layout 1,2 title "How cost grows with N (CPU time; peak resident set; one process per point)"
set logscale x
set xlabel "N (items)"
set format x "10^{%L}"
set key outside bottom center horizontal maxrows 4 font ",9"
set grid
set title "time per item"
set logscale y
set ylabel "ns per item"
$(plot_of 0)
set title "memory per item"
set ylabel "bytes per item (peak RSS growth / N)"
unset logscale y
set yrange [0:*]
$(plot_of 1)
unset multiplot
EOF2
[ -s "$out" ] || { echo "bench-plot: gnuplot made no $out" >&2; exit 1; }
[ $quick = 1 ] || echo "bench-plot: $out ($dat)"
