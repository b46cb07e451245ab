#!/usr/bin/env bash
# bench.sh [--quick] LAB... - `make bench`: the reference solutions'
# speed against CPython's asyncio and uvloop, in one table.
#
# Each lab's benchmarks are LAB/bench/NAME.c (LAB.bench in lab.mk) and its
# Python twin NAME.py, which runs the same workloads on asyncio's loop, or
# with --uvloop on uvloop's (a twin without an event loop prints nothing
# then).  Every program takes the size as its one argument and prints one
# line per workload: "workload<TAB>ns per op[<TAB>bytes per item]"
# (times are the process's CPU time; bytes are the growth of its resident
# set at the peak, measured inside the program).  Lines are paired by
# workload name.
#
# Every figure is the median of BENCH_RUNS (default 5) fresh processes,
# shown with the min and max; the runs of C, CPython and uvloop alternate,
# so that all three see the same machine.  BENCH_N=<n> passes a size to
# every program (default: their own, 1,000,000 items for the loop's).
#
# Then, with lab05_gather, its capstone crawler (examples/crawler `times`,
# C and CPython, wall clock), and the grader's own time: one submission
# of each lab (the reference, which must score full marks) and a class of
# 20 (half reference, half skeleton) with -j 2.
#
# --quick: small sizes, one run each: proves that every benchmark works on
# every side and that the tables are well formed (never how fast anything
# is); the grader grades the first lab once and a class of 2.  Exits 1 if
# a program fails or prints a malformed or unpaired line.  A time of 0 is
# well formed: a slope that noise puts at or below 0 prints it (lab02's
# "each extra level"); a workload whose operations fail prints it too,
# and a ratio against 0 shows "-".
#
# Both Python columns use the first interpreter that can import uvloop
# (Debian's /usr/bin/python3 with python3-uvloop; `python3` on PATH may
# be another build); the uvloop column is absent only when none can.
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${BUILD:=build}" "${BIN:=bin}"
source grader/scripts/lib.sh

quick=0
if [ "${1:-}" = --quick ]; then
    quick=1
    shift
fi
runs=${BENCH_RUNS:-5}
size=${BENCH_N:-}
if [ $quick = 1 ]; then
    runs=1
    size=${BENCH_N:-10000}
fi
[ $# -gt 0 ] || { echo "usage: bench.sh [--quick] LAB..." >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- the interpreters ---------------------------------------------------
bench_pythons
py_version() { "$1" -c 'import platform; print(platform.python_implementation(), platform.python_version())'; }

problems=0
problem() {
    problems=$((problems + 1))
    printf 'bench: %s\n' "$1" >&2
    [ -n "${2:-}" ] && printf '%s\n' "$2" | head -5 | sed 's/^/    /' >&2
    return 0
}

# ---- running ---------------------------------------------------------------
# raw: one line per figure: lab/name, column (c, py, uv), run, workload, ns, bytes
raw=$tmp/raw
: >"$raw"
# run_one COL LAB NAME RUN PROGRAM... : run it, check its lines, record them
run_one() {
    local col=$1 lab=$2 name=$3 run=$4
    shift 4
    if ! "$@" >"$tmp/out" 2>"$tmp/err"; then
        problem "$lab/bench/$name ($col) failed: $*" "$(cat "$tmp/err")"
        return
    fi
    if bad=$(awk -F'\t' '!(NF == 2 || NF == 3) || $1 == "" ||
                         $2 !~ /^[0-9]+(\.[0-9]+)?$/ ||
                         (NF == 3 && $3 !~ /^[0-9]+$/) { print; bad = 1 }
                         END { exit !bad }' "$tmp/out"); then
        problem "$lab/bench/$name ($col) printed a malformed line (want workload<TAB>ns[<TAB>bytes])" "$bad"
    fi
    awk -F'\t' -v k="$lab/$name" -v c="$col" -v r="$run" 'NF >= 2 {
        printf "%s\t%s\t%s\t%s\t%s\t%s\n", k, c, r, $1, $2, (NF == 3 ? $3 : "") }' \
        "$tmp/out" >>"$raw"
}

for lab in "$@"; do
    lab=${lab%/}
    for name in $(lab_var "$lab" bench); do
        prog=$BUILD/sol/$lab/bench/$name
        [ -x "$prog" ] || { problem "$prog is not built (make build)"; continue; }
        [ $quick = 1 ] || printf 'running %s/bench/%s: %d runs each of C%s%s...\n' "$lab" "$name" \
            "$runs" "${py:+, CPython}" "${uv:+, uvloop}" >&2
        for run in $(seq 1 "$runs"); do
            run_one c "$lab" "$name" "$run" "$prog" $size
            [ -n "$py" ] && [ -f "$lab/bench/$name.py" ] &&
                run_one py "$lab" "$name" "$run" "$py" "$lab/bench/$name.py" $size
            [ -n "$uv" ] && [ -f "$lab/bench/$name.py" ] &&
                run_one uv "$lab" "$name" "$run" "$uv" "$lab/bench/$name.py" $size --uvloop
        done
    done
done

# ---- the shape: every run prints the same workloads; CPython pairs every
# C workload, uvloop all or none of them (none: the twin has no loop);
# a workload with bytes has them on every side
shape=$(awk -F'\t' -v runs="$runs" -v have_py="${py:+1}" '
    { key = $1 SUBSEP $4
      if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      cnt[key, $2]++; nb[key, $2] += ($6 != "")
      any[$1, $2] = 1 }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; split(k, p, SUBSEP)
        if (cnt[k, "c"] != runs) print p[1] ": \"" p[2] "\": C gave it in " cnt[k, "c"] + 0 " of " runs " runs"
        if (have_py && cnt[k, "py"] != runs) print p[1] ": \"" p[2] "\": CPython gave it in " cnt[k, "py"] + 0 " of " runs " runs"
        if (any[p[1], "uv"] && cnt[k, "uv"] != runs) print p[1] ": \"" p[2] "\": uvloop gave it in " cnt[k, "uv"] + 0 " of " runs " runs"
        if (nb[k, "c"] != 0 && nb[k, "c"] != cnt[k, "c"]) print p[1] ": \"" p[2] "\": bytes per item in some C runs only"
        if (have_py && (nb[k, "c"] > 0) != (nb[k, "py"] > 0)) print p[1] ": \"" p[2] "\": bytes per item on one side only"
      }
    }' "$raw")
[ -n "$shape" ] && problem "the benchmarks do not pair up" "$shape"

# ---- the table --------------------------------------------------------------
echo
echo "C: the reference solutions ($BUILD/sol), $(${CC:-cc} --version 2>/dev/null | head -1), -O2"
if [ -n "$py" ]; then
    echo "CPython: $py ($(py_version "$py"), asyncio's own loop)"
else
    echo "CPython: absent (no python3)"
fi
if [ -n "$uv" ]; then
    echo "uvloop: $uv ($(py_version "$uv"), uvloop $("$uv" -c 'import uvloop; print(uvloop.__version__)'))"
else
    echo "uvloop: absent (no interpreter here can import uvloop: apt-get install python3-uvloop)"
fi
sizes=${size:-the programs\' defaults}
range=
[ "$runs" -gt 1 ] && range=" (min-max)"
echo "Each figure: the median of $runs fresh process(es)$range; size: $sizes."
echo
awk -F'\t' -v show_range=$((runs > 1)) '
    function fmt(v) { return v >= 100 ? sprintf("%.0f", v) : v >= 10 ? sprintf("%.1f", v) : sprintf("%.2f", v) }
    function ratio(a, b) { return b > 0 ? (a / b >= 10 ? sprintf("%.0fx", a / b) : sprintf("%.1fx", a / b)) : "-" }
    # median, min, max of the values list[k, col, 1..cnt]
    function stats(k, col, field,    m, i, j, v, t) {
        m = cnt[k, col]
        if (m == 0) { med = -1; return "-" }
        for (i = 1; i <= m; i++) v[i] = val[k, col, field, i] + 0
        for (i = 2; i <= m; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
        med = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
        return fmt(med) (show_range && m > 1 ? " (" fmt(v[1]) "-" fmt(v[m]) ")" : "")
    }
    { key = $1 SUBSEP $4
      if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      i = ++cnt[key, $2]; val[key, $2, 5, i] = $5; val[key, $2, 6, i] = $6
      if ($6 != "") hasb[key] = 1 }
    END {
      print "| workload | C ns/op | CPython ns/op | uvloop ns/op | vs CPython | vs uvloop | bytes/item C | CPython | uvloop |"
      print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        k = order[i]; split(k, p, SUBSEP)
        if (p[1] != last) { print "| **" p[1] "** | | | | | | | | |"; last = p[1] }
        c = stats(k, "c", 5); mc = med
        y = stats(k, "py", 5); my = med
        u = stats(k, "uv", 5); mu = med
        b1 = b2 = b3 = ""
        if (k in hasb) { b1 = stats(k, "c", 6); b2 = stats(k, "py", 6); b3 = stats(k, "uv", 6) }
        r1 = (my > 0) ? ratio(my, mc) : "-"
        r2 = (mu > 0) ? ratio(mu, mc) : "-"
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", p[2], c, y, u, r1, r2, b1, b2, b3
      }
    }' "$raw" || problem "the table could not be made"
echo
echo "vs CPython, vs uvloop: their median time / C's (higher: the C reference is faster)."
echo "uvloop \"-\": the workload has no event loop (generators, yield from)."

# stats V... : "median (min-max)" of the values (the median alone for one)
stats() {
    [ $# -gt 0 ] || { echo -; return; }
    printf '%s\n' "$@" | sort -g | awk '{ v[++n] = $1 }
        function fmt(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
        END { if (!n) { print "-"; exit }
              m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
              printf "%s%s\n", fmt(m), (n > 1 ? " (" fmt(v[1]) "-" fmt(v[n]) ")" : "") }'
}

# ---- --quick: the scaling plot's points can all be had, and drawn ----------
if [ $quick = 1 ] && command -v gnuplot >/dev/null 2>&1 &&
   [ "$(printf '%s\n' "${@%/}" | grep -cxE 'lab03_eventloop|lab04_tasks|lab05_gather')" = 3 ]; then
    out=$(bash grader/scripts/bench-plot.sh --quick 2>&1) ||
        problem "bench-plot.sh --quick failed" "$out"
fi

# ---- lab05's capstone: the crawler (its example, run with `times`) --------
# Wall-clock seconds: the crawl waits for a server that answers each page
# late, so CPU time would leave out what it is about.  The pages, the delay
# and the pool's size are the example's own (its first `times` line).
crawler=$BUILD/sol/lab05_gather/examples/crawler
if printf '%s\n' "$@" | grep -qx 'lab05_gather/\{0,1\}' && [ -x "$crawler" ]; then
    declare -A crawl=()
    [ $quick = 1 ] || printf 'running lab05_gather/examples/crawler: %d runs each of C%s...\n' \
        "$runs" "${py:+, CPython}" >&2
    for run in $(seq 1 "$runs"); do
        for col in c py; do
            if [ $col = c ]; then cmd=("$crawler" times)
            else [ -n "$py" ] || continue; cmd=("$py" lab05_gather/examples/crawler.py times); fi
            if ! "${cmd[@]}" >"$tmp/out" 2>"$tmp/err"; then
                problem "lab05_gather/examples/crawler ($col) failed: ${cmd[*]}" "$(cat "$tmp/err")"
                continue
            fi
            # times: sequential A s, thread pool B s (xR), coroutines C s (xS)
            t=$(sed -n 's/^times: sequential \([0-9.]*\) s, thread pool \([0-9.]*\) s .*, coroutines \([0-9.]*\) s .*/\1 \2 \3/p' "$tmp/out")
            if [ "$(wc -w <<<"$t")" != 3 ]; then
                problem "lab05_gather/examples/crawler ($col) printed no times: line" "$(cat "$tmp/out")"
                continue
            fi
            setting=$(sed -n 's/^times: \([0-9]*\) pages, each answered \([0-9]*\) ms late; a pool of \([0-9]*\) threads$/\1 \2 \3/p' "$tmp/out")
            if [ "$(wc -w <<<"$setting")" != 3 ]; then
                problem "lab05_gather/examples/crawler ($col) printed no setting: line" "$(cat "$tmp/out")"
                continue
            fi
            crawl[$col,setting]=$setting
            read -r a b c <<<"$t"
            crawl[$col,seq]+=" $a" crawl[$col,pool]+=" $b" crawl[$col,coro]+=" $c"
        done
    done
    read -r pages ms threads <<<"${crawl[c,setting]:-${crawl[py,setting]:-? ? ?}}"
    if [ -n "${crawl[py,setting]:-}" ] && [ "${crawl[py,setting]}" != "${crawl[c,setting]:-}" ]; then
        problem "the crawler's C and Python twins differ in their setting (pages, delay, pool)" \
            "C: ${crawl[c,setting]:-none}; Python: ${crawl[py,setting]}"
    fi
    printf '\n| lab05 crawler: %s pages, each answered %s ms late (loopback) | C seconds | CPython seconds |\n|---|---:|---:|\n' "$pages" "$ms"
    for k in seq pool coro; do
        case $k in seq) what="one after the other (blocking sockets)" ;;
                    pool) what="a thread pool of $threads" ;;
                    coro) what="100 coroutines, gathered (the loop's add_reader/add_writer; asyncio streams)" ;;
        esac
        # shellcheck disable=SC2086
        printf '| %s | %s | %s |\n' "$what" "$(stats ${crawl[c,$k]:-})" "$(stats ${crawl[py,$k]:-})"
    done
    echo "Wall-clock seconds, the median of $runs run(s); the floor is the server's delay: $pages x $ms ms one after the other, $pages / $threads x $ms ms in the pool, $ms ms at once."
fi

# ---- the grader itself: one submission of each lab, then a class of 20 -----
# (--quick: the first lab's reference alone, and a class of 2)
seconds() { date +%s.%N; }
class_size=20 jobs=2
[ $quick = 1 ] && class_size=2
printf '\n| grader (the reference solutions; a class: half reference, half skeleton) | seconds (wall clock) |\n|---|---:|\n'
for lab in "$@"; do
    lab=${lab%/}
    t0=$(seconds)
    out=$("$BIN/grader" --lab "$lab" --submission "solutions/$lab" --format json 2>&1)
    t1=$(seconds)
    # the reference must score full marks, else its time means nothing
    if ! /usr/bin/env python3 -c 'import json, sys; r = json.load(sys.stdin); sys.exit(r["score"] != r["max_score"])' \
            <<<"$out" 2>/dev/null; then
        problem "grader on solutions/$lab did not give full marks" "$out"
    fi
    printf '| one submission of %s | %.2f |\n' "$lab" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
    [ $quick = 1 ] && break
done
first=${1%/}
class=$tmp/class
for k in $(seq 1 "$class_size"); do
    mkdir -p "$class/student$k"
    if [ $((k % 2)) = 0 ]; then src=solutions/$first; else src=$first; fi
    cp "$src"/*.c "$class/student$k/"
done
t0=$(seconds)
"$BIN/grader" --batch "$class" --lab "$first" -j "$jobs" --output "$tmp/grades" >"$tmp/out" 2>&1
t1=$(seconds)
rows=$(find "$tmp/grades" -name '*.json' 2>/dev/null | wc -l)
[ "$rows" = "$class_size" ] ||
    problem "grader --batch of $class_size students wrote $rows reports" "$(cat "$tmp/out")"
printf '| a class of %s (%s, -j %s) | %.2f |\n' "$class_size" "$first" "$jobs" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"

[ $problems = 0 ] || { echo "bench: $problems problem(s), see above" >&2; exit 1; }
exit 0
