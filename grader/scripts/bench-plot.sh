#!/usr/bin/env bash
# bench-plot.sh [OUT.svg] - how cost grows with the work: tasks, timers and
# call_soon at N = 1,000 to 1,000,000 (x10 steps), time per item and bytes
# per task, in C (the reference), CPython asyncio and uvloop, drawn with
# gnuplot as an SVG (default docs/bench-scaling.svg; its data beside it,
# .dat).  One fresh process per point and side, the same programs and
# interpreter choice as bench.sh (lab03's loop, lab04's tasks).
#   BENCH_SIZES="1000 10000 100000 1000000"  the values of N
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${BUILD:=build}"
out=${1:-docs/bench-scaling.svg}
dat=${out%.svg}.dat
sizes=${BENCH_SIZES:-1000 10000 100000 1000000}
command -v gnuplot >/dev/null 2>&1 || { echo "bench-plot: no gnuplot (apt-get install gnuplot-nox)" >&2; exit 1; }

py= uv=
for cand in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
    [ -n "$cand" ] && [ -x "$cand" ] || continue
    if "$cand" -c 'import uvloop' >/dev/null 2>&1; then py=$cand uv=$cand; break; fi
    [ -z "$py" ] && py=$cand
done

# field WORKLOAD COLUMN < program output: the figure, or NaN (gnuplot skips it)
field() { awk -F'\t' -v w="$1" -v c="$2" '$1 == w { print $c; found = 1 } END { if (!found) print "NaN" }'; }
soon="call_soon + call, n queued at once"
timer="timer call_later + fire, n random delays"
task="tasks, each awaiting sleep(0) once, run to completion"

mkdir -p "$(dirname "$out")"
{
    echo "# N  then per side (C, CPython, uvloop): call_soon ns, timer ns, task ns, task bytes"
    for n in $sizes; do
        row="$n"
        for side in c py uv; do
            case $side in
                c)  lo=$("$BUILD/sol/lab03_eventloop/bench/loop" "$n"); to=$("$BUILD/sol/lab04_tasks/bench/tasks" "$n") ;;
                py) [ -n "$py" ] || { row+=" NaN NaN NaN NaN"; continue; }
                    lo=$("$py" lab03_eventloop/bench/loop.py "$n"); to=$("$py" lab04_tasks/bench/tasks.py "$n") ;;
                uv) [ -n "$uv" ] || { row+=" NaN NaN NaN NaN"; continue; }
                    lo=$("$uv" lab03_eventloop/bench/loop.py "$n" --uvloop)
                    to=$("$uv" lab04_tasks/bench/tasks.py "$n" --uvloop) ;;
            esac
            row+=" $(field "$soon" 2 <<<"$lo") $(field "$timer" 2 <<<"$lo")"
            row+=" $(field "$task" 2 <<<"$to") $(field "$task" 3 <<<"$to")"
        done
        echo "$row"
        echo "bench-plot: N = $n done" >&2
    done
} >"$dat"

gnuplot <<EOF
set terminal svg size 1000,420 dynamic font "sans,11"
set output "$out"
set multiplot layout 1,2 title "How cost grows with N (CPU time; one process per point)"
set logscale xy
set xlabel "N (items)"
set format x "10^{%L}"
set key outside bottom center horizontal maxrows 3 font ",9"
set grid
set ylabel "ns per item"
set title "time per item"
plot "$dat" u 1:2 w lp lc 1 pt 7 t "call\\\\_soon, C", \
     "$dat" u 1:6 w lp lc 1 pt 5 dt 2 t "call\\\\_soon, CPython", \
     "$dat" u 1:10 w lp lc 1 pt 9 dt 3 t "call\\\\_soon, uvloop", \
     "$dat" u 1:3 w lp lc 2 pt 7 t "timers, C", \
     "$dat" u 1:7 w lp lc 2 pt 5 dt 2 t "timers, CPython", \
     "$dat" u 1:11 w lp lc 2 pt 9 dt 3 t "timers, uvloop", \
     "$dat" u 1:4 w lp lc 3 pt 7 t "tasks, C", \
     "$dat" u 1:8 w lp lc 3 pt 5 dt 2 t "tasks, CPython", \
     "$dat" u 1:12 w lp lc 3 pt 9 dt 3 t "tasks, uvloop"
set ylabel "bytes per task (peak RSS growth / N)"
set title "memory per task"
unset logscale y
set yrange [0:*]
plot "$dat" u 1:5 w lp lc 3 pt 7 t "tasks, C", \
     "$dat" u 1:9 w lp lc 3 pt 5 dt 2 t "tasks, CPython", \
     "$dat" u 1:13 w lp lc 3 pt 9 dt 3 t "tasks, uvloop"
unset multiplot
EOF
echo "bench-plot: $out ($dat)"
