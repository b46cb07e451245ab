# steps.sh - the step line-up checks of `make test` (sourced by test.sh,
# after lib.sh).  For a lab whose manifest (LAB/lab.mk) has steps 1..n:
#
#   step_programs LAB DIR   builds DIR/check_k for k = 0..n: the pristine
#       skeleton with the functions of steps 1..k taken from the reference
#       (check_0 is the skeleton itself), linked like every test program;
#   check_skeleton LAB DIR  check_0: every graded test runs and fails, and
#       the runner survives;
#   check_steps LAB DIR     check_k for k >= 1: the tests of steps 1..k pass;
#   check_calls LAB DIR     no test of step k calls (directly, through the
#       tests' own helpers or through given code) a function of a later
#       step, as its run by check_steps saw (step_probe.c);
#   check_headings LAB      the handout's and hints.md's "## Step K: TITLE"
#       and the skeleton's "LAB N.K" markers agree with the manifest.
#
# How the hybrid is built: the skeleton and the reference are compiled as
# separate objects.  In the skeleton's object the step's functions are made
# weak (objcopy --weaken-symbol); in the reference's object every global
# but those functions is made local (objcopy --keep-global-symbol), so the
# linker takes the reference's bodies of exactly those functions and the
# skeleton's of everything else, and neither object's other globals clash.
# (Source-level splicing would need a C parser; symbol surgery needs only
# the objects make already knows how to build.)
#
# The skeleton is the one committed (git HEAD: see pristine_skeleton).
#
# How the calls are seen: the skeleton is compiled with
# -finstrument-functions and every program links grader/scripts/
# step_probe.c, so in check_k each entry into a skeleton function (the
# later steps' TODOs) is written down with the test that made it.  A
# static reading of the tests cannot tell a call a test makes from one it
# only could make (a delegating generator's body holds both yf_start and
# yf_resume; a step-2 test never resumes it a second time).

# (pristine_skeleton is in lib.sh: handout.sh and gradescope.sh use it too.)

_steps_cflags() {
    local l
    printf '%s ' -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g -Icommon
    for l in $(lab_var --list); do printf -- '-I%s ' "$l"; done
    pkg-config --cflags check 2>/dev/null
}

# The objects every program of LAB links besides the lab's own student files.
_steps_link() {
    local lab=$1 d f o
    for f in $(lab_var "$lab" tests); do printf '%s ' "$BUILD/sol/$lab/${f%.c}.o"; done
    for f in $(lab_var "$lab" given); do printf '%s ' "$BUILD/sol/$lab/${f%.c}.o"; done
    for d in $(lab_var "$lab" deps); do
        for f in $(lab_var "$d" student); do printf '%s ' "$BUILD/sol/solutions/$d/${f%.c}.o"; done
        for f in $(lab_var "$d" given); do printf '%s ' "$BUILD/sol/$d/${f%.c}.o"; done
    done
    printf '%s ' "$BUILD/sol/libco.a"
    pkg-config --libs check 2>/dev/null
    lab_var "$lab" ldlibs
}

# step_programs LAB DIR: DIR/check_0 .. DIR/check_n; returns non-zero (and
# says why on stdout) when one cannot be built.
step_programs() {
    local lab=$1 dir=$2 n k f funcs= keep weak skel ref
    n=$(lab_var "$lab" steps) || return 1
    mkdir -p "$dir/skel"
    pristine_skeleton "$lab" "$dir/skel" >"$dir/skeleton-from"
    # -fPIC: every call between the skeleton's global functions goes
    # through the symbol (GCC never inlines an interposable function), so a
    # function taken from the reference is the one its callers reach.
    for f in $(lab_var "$lab" student); do
        cc $(_steps_cflags) -fPIC -finstrument-functions \
            -c "$dir/skel/$f" -o "$dir/skel/${f%.c}.o" 2>"$dir/cc.log" ||
            { echo "the skeleton $lab/$f does not compile:"; cat "$dir/cc.log"; return 1; }
    done
    cc $(_steps_cflags) -c grader/scripts/step_probe.c -o "$dir/step_probe.o" 2>"$dir/cc.log" ||
        { echo "grader/scripts/step_probe.c does not compile:"; cat "$dir/cc.log"; return 1; }
    for k in $(seq 0 "$n"); do
        [ "$k" -gt 0 ] && funcs="$funcs $(lab_var "$lab" step "$k" funcs)"
        local objs=()
        for f in $(lab_var "$lab" student); do
            skel=$dir/skel/${f%.c}.o
            ref=$BUILD/sol/solutions/$lab/${f%.c}.o
            if [ -z "${funcs// }" ]; then
                objs+=("$skel")
                continue
            fi
            weak= keep=
            for fn in $funcs; do weak="$weak --weaken-symbol=$fn"; keep="$keep --keep-global-symbol=$fn"; done
            objcopy $weak "$skel" "$dir/skel-$k-${f%.c}.o" &&
                objcopy $keep "$ref" "$dir/ref-$k-${f%.c}.o" ||
                { echo "objcopy failed on $f for step $k"; return 1; }
            objs+=("$dir/skel-$k-${f%.c}.o" "$dir/ref-$k-${f%.c}.o")
        done
        cc -rdynamic -o "$dir/check_$k" "${objs[@]}" "$dir/step_probe.o" $(_steps_link "$lab") \
            2>"$dir/ld.log" ||
            { echo "steps 1..$k of $lab do not link:"; head -20 "$dir/ld.log"; return 1; }
    done
}

# _run_tap PROG TAP [CALLS]: run a test program, TAP lines to TAP (and the
# calls of skeleton functions to CALLS); prints its status
_run_tap() {
    if [ -n "${3:-}" ]; then
        rm -f "$3"
        CO_STEP_CALLS=$3 timeout 600 "$1" --quiet --tap "$2" >"$2.out" 2>&1
    else
        timeout 600 "$1" --quiet --tap "$2" >"$2.out" 2>&1
    fi
    echo $?
}

check_skeleton() {
    local lab=$1 dir=$2 status passed ran listed
    status=$(_run_tap "$dir/check_0" "$dir/skel.tap")
    if [ "$status" -gt 1 ]; then
        fail "$lab: the test runner crashed on the skeleton (status $status)" "$(tail -5 "$dir/skel.tap.out")"
        return
    fi
    passed=$(grep -c '^ok ' "$dir/skel.tap")
    ran=$(grep -cE '^(not )?ok ' "$dir/skel.tap")
    listed=$(lab_var "$lab" points | wc -l)
    if [ "$passed" -ne 0 ]; then
        fail "$lab: $passed graded test(s) pass against the pristine skeleton" "$(grep '^ok ' "$dir/skel.tap")"
    elif [ "$ran" -ne "$listed" ]; then
        fail "$lab: $ran tests ran on the skeleton, lab.mk lists $listed"
    else
        pass "$lab: all $ran graded tests fail against the skeleton (from $(cat "$dir/skeleton-from")), runner intact"
    fi
}

# The names of the tests that passed in a TAP file.
_tap_passed() { sed -n 's/^ok [0-9]* - [^:]*:[^:]*:\([A-Za-z0-9_]*\).*/\1/p' "$1"; }

# check_steps LAB DIR: prints the failures (for the caller to judge).
check_steps() {
    local lab=$1 dir=$2 n k t bad= want
    n=$(lab_var "$lab" steps)
    for k in $(seq 1 "$n"); do
        _run_tap "$dir/check_$k" "$dir/step$k.tap" "$dir/step$k.calls" >/dev/null
        want=
        for j in $(seq 1 "$k"); do want="$want $(lab_var "$lab" step "$j" tests)"; done
        local ok
        ok=$(_tap_passed "$dir/step$k.tap")
        local missing=()
        for t in $want; do grep -qx "$t" <<<"$ok" || missing+=("$t"); done
        if [ ${#missing[@]} -gt 0 ]; then
            bad="$bad
step $k ($(lab_var "$lab" step "$k" title)): with steps 1..$k of the reference, ${#missing[@]} test(s) of steps 1..$k fail:$(printf '\n  %s' "${missing[@]:0:8}")"
        fi
    done
    printf '%s' "$bad"
}

# check_calls LAB DIR (after check_steps): which test of step k, run in
# check_k, entered a function of a later step.  Prints the offences.
check_calls() {
    local lab=$1 dir=$2 n k fn t
    n=$(lab_var "$lab" steps)
    for k in $(seq 1 "$n"); do
        [ -f "$dir/step$k.tap" ] || { echo "step $k: check_steps has not run"; return; }
        for fn in $(lab_var "$lab" step "$k" funcs); do echo "F $fn $k"; done
        for t in $(lab_var "$lab" step "$k" tests); do echo "T $t $k"; done
    done >"$dir/calls.steps"
    for k in $(seq 1 "$n"); do
        [ -f "$dir/step$k.calls" ] && sed "s/^/C $k /" "$dir/step$k.calls"
    done | cat "$dir/calls.steps" - | awk '
        $1 == "F" { step_of[$2] = $3; next }
        $1 == "T" { test_step[$2] = $3; next }
        # C K TEST FUNCTION: in check_K, TEST entered FUNCTION
        $1 == "C" && ($4 in step_of) && step_of[$4] > $2 {
            # "?": a checked fixture, run for a test of any step (the
            # fixture of a later step may call the functions of that step);
            # a fixture that a test of step k needs and that calls a later
            # function fails that test in check_k: check_steps reports it
            if ($3 == "?") next
            if (test_step[$3] == $2) who = $3
            else next
            if ((who SUBSEP $4) in said) next
            said[who, $4] = 1
            out[who] = out[who] " " $4 "(step " step_of[$4] ")"
            st[who] = $2
        }
        END { for (t in out) printf "%s (step %d) calls%s\n", t, st[t], out[t] }' | sort
}

# check_headings LAB DIR: prints the disagreements (TODO markers from the
# pristine skeleton in DIR/skel).
check_headings() {
    local lab=$1 dir=$2 n k title num f h
    n=$(lab_var "$lab" steps)
    num=$(sed -n 's/^lab0*\([0-9]*\)_.*/\1/p' <<<"$lab")
    for k in $(seq 1 "$n"); do
        title=$(lab_var "$lab" step "$k" title)
        for f in README.md hints.md; do
            h="## Step $k: $title"
            grep -qxF "$h" "$lab/$f" 2>/dev/null || echo "$lab/$f has no heading \"$h\""
        done
    done
    for f in $(lab_var "$lab" student); do
        grep -o "LAB $num\.[0-9]*" "$dir/skel/$f" 2>/dev/null | sort -u | while read -r _ m; do
            k=${m#*.}
            [ "$k" -ge 1 ] && [ "$k" -le "$n" ] || echo "$lab/$f has a TODO \"LAB $m\": the manifest has steps 1..$n"
        done
    done
    for f in README.md hints.md; do
        grep -o '^## Step [0-9]*' "$lab/$f" 2>/dev/null | awk '{print $3}' | while read -r k; do
            [ "$k" -le "$n" ] || echo "$lab/$f has a Step $k: the manifest has steps 1..$n"
        done
    done
}
