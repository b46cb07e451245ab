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
# --quick: small sizes, one run each: proves that every benchmark works on
# every side and that the table is well formed (never how fast anything
# is).  Exits 1 if a program fails or prints a malformed or unpaired line.
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
py= uv=
for cand in /usr/bin/python3 "$(command -v python3 2>/dev/null)" /usr/local/bin/python3; do
    [ -n "$cand" ] && [ -x "$cand" ] || continue
    if "$cand" -c 'import uvloop' >/dev/null 2>&1; then
        py=$cand uv=$cand
        break
    fi
done
if [ -z "$py" ]; then
    for cand in "$(command -v python3 2>/dev/null)" /usr/bin/python3; do
        [ -n "$cand" ] && [ -x "$cand" ] && { py=$cand; break; }
    done
fi
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
                         $2 !~ /^[0-9]+(\.[0-9]+)?$/ || $2 + 0 <= 0 ||
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

if [ $quick = 1 ]; then
    [ $problems = 0 ] || { echo "bench --quick: $problems problem(s), see above" >&2; exit 1; }
    exit 0
fi

# ---- the grader itself: one submission of each lab, then a class of 20 -----
seconds() { date +%s.%N; }
printf '\n| grader | seconds (wall clock) |\n|---|---:|\n'
for lab in "$@"; do
    lab=${lab%/}
    t0=$(seconds)
    "$BIN/grader" --lab "$lab" --submission "solutions/$lab" --format json >/dev/null 2>&1
    t1=$(seconds)
    printf '| one submission of %s | %.2f |\n' "$lab" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
done
first=${1%/}
class=$tmp/class
for k in $(seq 1 20); do
    mkdir -p "$class/student$k"
    if [ $((k % 2)) = 0 ]; then src=solutions/$first; else src=$first; fi
    cp "$src"/*.c "$class/student$k/"
done
t0=$(seconds)
"$BIN/grader" --batch "$class" --lab "$first" -j "$(nproc)" --output "$tmp/grades" >/dev/null 2>&1
t1=$(seconds)
printf '| a class of 20 (%s, -j %s) | %.2f |\n' "$first" "$(nproc)" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
[ $problems = 0 ]
