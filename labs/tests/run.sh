#!/usr/bin/env bash
# labs/tests/run.sh - the student shell's own tests (run by `make test`).
#
# Drives $BIN/labs non-interactively and through a pseudo-terminal
# ($BUILD/labs/pty_drive, built by `make` from labs/tests/pty_drive.c).
# Builds nothing itself: every test works on a throw-away copy of the tree
# (--root), where the shell under test runs make into its own build dir,
# so the real lab files and build dirs are never touched.
# Ends with "N passed, N failed"; exits non-zero if anything failed.
# LABS_TESTS=pty,play (say) runs only those sections: cli hints reset
# play trace watch colour pty grader concurrency script speed.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
: "${BUILD:=build}" "${BIN:=bin}"
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD;; esac
case $BIN in /*) ;; *) BIN=$ROOT/$BIN;; esac
LABS=$BIN/labs
PTY=$BUILD/labs/pty_drive

n_pass=0
n_fail=0
failures=()
pass() { n_pass=$((n_pass + 1)); printf '  ok    %s\n' "$1"; }
fail() {
    n_fail=$((n_fail + 1)); failures+=("$1")
    printf '  FAIL  %s\n' "$1"
    [ -n "${2:-}" ] && printf '%s\n' "$2" | head -30 | sed 's/^/        /'
    return 0
}
# check WHAT COMMAND...: pass if the command succeeds
check() { local what=$1; shift; if out=$("$@" 2>&1); then pass "$what"; else fail "$what" "$out"; fi; }
want() { [ -z "${LABS_TESTS:-}" ] || [[ ",$LABS_TESTS," == *",$1,"* ]]; }
summary() {
    echo
    [ $n_fail -gt 0 ] && { echo "Failed:"; printf '  - %s\n' "${failures[@]}"; }
    echo "$n_pass passed, $n_fail failed"
    [ $n_fail -eq 0 ]
}

for need in "$LABS" "$PTY"; do
    if [ ! -x "$need" ]; then
        echo "  FAIL  $need is not built: run make (with the same BUILD and BIN) first"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

TMP=$(mktemp -d /tmp/labs-tests.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
TREE=$TMP/tree
TB=$TMP/build
mkdir -p "$TREE"
# a copy of the sources only (no build output, no git, no caches)
tar -C "$ROOT" --exclude=./build --exclude=./bin --exclude=./dist --exclude=./.git \
    --exclude='./.labs-*' --exclude='*.o' --exclude='*.d' -chf - . | tar -C "$TREE" -xf -
# the skeletons as committed, whatever the lab folders hold now (make test
# must pass in a tree where the student has done the work)
for l in $(cd "$ROOT" && ls -d lab0*/ | tr -d /); do
    for f in $("$BUILD/labinfo" --root "$ROOT" "$l" student 2>/dev/null); do
        git -C "$ROOT" show "HEAD:$l/$f" >"$TREE/$l/$f" 2>/dev/null || cp "$ROOT/$l/$f" "$TREE/$l/$f"
    done
done
export LABS_HISTORY=$TMP/history
unset LABS_STATE NO_COLOR CORO_LABS_ROOT
L() { "$LABS" --root "$TREE" --build "$TB" "$@"; }

# The first lab and its student file, as lab.mk says (nothing hard-coded
# but the lab01 journey itself).
LAB=$(cd "$TREE" && ls -d lab0*/ | head -1 | tr -d /)
SHORT=${LAB:0:5}
# lab.mk is read by labinfo (common/co_lab.c) only, never here
LI() { "$BUILD/labinfo" --root "$TREE" "$@"; }
FILE=$(LI "$LAB" student | awk '{print $1}')
NTESTS=$(LI "$LAB" points | wc -l)
SKEL=$TMP/skeleton.c
REF=$TREE/solutions/$LAB/$FILE
cp "$TREE/$LAB/$FILE" "$SKEL"
# the first function a TODO asks for, as the skeleton has it
FIRST_FN=$(awk '/^[a-z].*\(/ { fn = $0 } /LAB [0-9]+\.[0-9]+/ { print fn; exit }' "$SKEL" |
           sed 's/(.*//; s/.*[ *]//')

if want cli; then
echo "== the shell, non-interactively ($LAB, $FILE, $NTESTS tests)"

out=$(L help 2>&1); st=$?
if [ $st -eq 0 ] && for c in list check hint watch reset play trace bench; do grep -q "^  $c " <<<"$out" || exit 1; done; then
    pass "help lists every command"
else
    fail "help lists every command" "$out"
fi
bad=
for c in list check hint watch reset play trace bench examples lab help; do
    o=$(L help "$c" 2>&1) && grep -q "^usage: $c" <<<"$o" || bad="$bad $c"
done
[ -z "$bad" ] && pass "help COMMAND explains each command" || fail "help COMMAND fails for:$bad"

out=$(L list 2>&1); st=$?
if [ $st -eq 0 ] && grep -q "not checked yet" <<<"$out" && grep -q "Start here" <<<"$out" &&
   grep -q "$LAB/README.md" <<<"$out" && grep -q "$LAB/$FILE" <<<"$out" &&
   grep -q "$FIRST_FN()" <<<"$out" && grep -q "check $SHORT" <<<"$out" && grep -q "hint $SHORT" <<<"$out"; then
    pass "list on a fresh tree names the handout, the file, the function ($FIRST_FN) and the commands"
else
    fail "list on a fresh tree gives the first steps" "$out"
fi

out=$(L check "$SHORT" 2>&1); st=$?
if [ $st -eq 1 ] && grep -qE "^(✗|x) test_" <<<"$out" && grep -q "0 of $NTESTS tests pass" <<<"$out" &&
   grep -q "Next: edit $LAB/$FILE, function $FIRST_FN()" <<<"$out" && grep -q "more failing" <<<"$out"; then
    pass "check on the skeleton: first failure in full, the rest in one line, the next step"
else
    fail "check on the skeleton" "$out"
fi
first_test=$(grep -m1 -oE "test_[A-Za-z0-9_]+" <<<"$out")
if grep -q "expected" <<<"$out" && grep -qE "^\s+step 1, in $LAB/tests/" <<<"$out"; then
    pass "the first failure says where it is and what was expected"
else
    fail "the first failure says where it is and what was expected" "$out"
fi
# the grader's JSON says where the check that failed is ("where"): its
# file:line, and the source of that check under it
wline=$(grep -m1 -oE "^\s+step 1, in $LAB/tests/[a-z0-9_]+\.c:[0-9]+" <<<"$out" | grep -oE "[0-9]+$")
if [ -n "$wline" ] && grep -qE "^ +$wline \| " <<<"$out"; then
    pass "the first failure names the failing check's line ($wline) and shows it"
else
    fail "the first failure names the failing check's line" "$out"
fi

out=$(L check "$SHORT" --verbose 2>&1)
n=$(grep -cE "^  (✗|x|✓|\+) test_" <<<"$out")
[ "$n" -eq $((NTESTS - 1)) ] && pass "check --verbose lists every test" ||
    fail "check --verbose lists $n tests, expected $((NTESTS - 1)) besides the first" "$out"

out=$(L check "$SHORT" "$first_test" 2>&1); st=$?
[ $st -eq 1 ] && grep -q "$first_test" <<<"$out" && ! grep -q "more failing" <<<"$out" &&
    pass "check LAB TEST shows that test" || fail "check LAB TEST" "$out"

out=$(L check lab99 2>&1); st=$?
[ $st -eq 2 ] && grep -q 'there is no lab "lab99"' <<<"$out" && grep -q "$LAB" <<<"$out" &&
    pass "an unknown lab gets a sentence naming the labs (status 2)" || fail "unknown lab" "$out"
out=$(L frobnicate 2>&1); st=$?
[ $st -eq 2 ] && grep -q 'no command "frobnicate"' <<<"$out" &&
    pass "an unknown command gets a sentence (status 2)" || fail "unknown command" "$out"
out=$(L check "$SHORT" --bogus 2>&1); st=$?
[ $st -eq 2 ] && grep -q "usage: check" <<<"$out" && pass "an unknown option shows the usage" ||
    fail "unknown option" "$out"

mv "$TREE/$LAB/$FILE" "$TMP/moved.c"
out=$(L check "$SHORT" 2>&1); st=$?
[ $st -eq 1 ] && grep -q "$LAB/$FILE is missing" <<<"$out" && grep -q "reset $LAB" <<<"$out" &&
    pass "a missing student file: a sentence and the way back" || fail "missing file" "$out"
mv "$TMP/moved.c" "$TREE/$LAB/$FILE"

line=$(grep -n "return CO_ENOSYS;" "$TREE/$LAB/$FILE" | head -1 | cut -d: -f1)
sed -i "${line}s/return CO_ENOSYS;/return CO_ENOSYS/" "$TREE/$LAB/$FILE"
out=$(L check "$SHORT" 2>&1); st=$?
if [ $st -eq 1 ] && grep -q "does not build" <<<"$out" && grep -q "$LAB/$FILE:$((line + 1)):\|$LAB/$FILE:$line:" <<<"$out" &&
   grep -q "Fix the first error first" <<<"$out" && [ "$(wc -l <<<"$out")" -lt 30 ]; then
    pass "a file that does not compile: the first errors, trimmed, with their lines"
else
    fail "compile error" "$out"
fi
out=$(L list 2>&1)
grep -q "does not compile" <<<"$out" && pass "list says the lab does not compile" || fail "list after a compile error" "$out"
cp "$SKEL" "$TREE/$LAB/$FILE"

# A student's first step: the first TODO's function written (taken from
# the reference), everything else still the skeleton.
if [ -f "$REF" ] && [ -n "$FIRST_FN" ]; then
    body() { awk -v fn="$FIRST_FN" '$0 ~ "^[a-z].*[ *]" fn "\\(" { on = 1 } on { print } on && /^}/ { exit }' "$1"; }
    body "$REF" > "$TMP/fn_ref.c"
    awk -v fn="$FIRST_FN" -v ref="$TMP/fn_ref.c" '
        $0 ~ "^[a-z].*[ *]" fn "\\(" && !done { while ((getline l < ref) > 0) print l; skip = 1; next }
        skip { if ($0 ~ /^}/) { skip = 0; done = 1 }; next }
        { print }' "$SKEL" > "$TREE/$LAB/$FILE"
    out=$(L check "$SHORT" 2>&1); st=$?
    passed=$(grep -oE "[0-9]+ of $NTESTS tests pass" <<<"$out" | cut -d' ' -f1)
    if [ -n "$passed" ] && [ "$passed" -gt 0 ] && [ "$passed" -lt "$NTESTS" ] &&
       grep -q "Next: edit $LAB/$FILE, function " <<<"$out" && ! grep -q "function $FIRST_FN()" <<<"$out"; then
        pass "after writing $FIRST_FN: $passed tests pass, and the next step moves on"
    else
        fail "after writing $FIRST_FN the first tests pass" "$out"
    fi
    out=$(L list 2>&1)
    grep -q "$passed/$NTESTS" <<<"$out" && pass "list shows the progress ($passed/$NTESTS)" ||
        fail "list shows the progress" "$out"
    echo "/* an edit */" >> "$TREE/$LAB/$FILE"
    out=$(L list 2>&1)
    grep -q "changed since the last check" <<<"$out" && ! grep -q " $passed/$NTESTS " <<<"$out" &&
        pass "after an edit, list claims nothing until the next check" ||
        fail "the cached result must not survive an edit" "$out"
    cp "$REF" "$TREE/$LAB/$FILE"
    out=$(L check "$SHORT" 2>&1); st=$?
    [ $st -eq 0 ] && grep -q "$NTESTS of $NTESTS tests pass" <<<"$out" && grep -q "Well done" <<<"$out" &&
        pass "the reference passes everything (status 0)" || fail "check of the reference" "$out"
    out=$(L check "$SHORT" --mine 2>&1); st=$?
    [ $st -eq 0 ] && grep -q -- "--mine" <<<"$out" && grep -q "$NTESTS of $NTESTS tests pass" <<<"$out" &&
        pass "check --mine builds the student's own chain (BUILD/tree)" || fail "check --mine" "$out"
    out=$(L hint "$SHORT" 2>&1); st=$?
    [ $st -eq 0 ] && grep -q "$LAB is done" <<<"$out" && grep -q "^Next: lab0" <<<"$out" &&
        ! grep -qE "^ *[0-9]+\. " <<<"$out" &&
        pass "hint on a lab that passes every test: it is done, and what comes next" ||
        fail "hint after the last test passes" "$out"
    if [ -n "$(LI "$LAB" bench)" ]; then
        out=$(L bench "$SHORT" 100000 2>&1); st=$?
        [ $st -eq 0 ] && grep -q "yours/reference" <<<"$out" && grep -qE "[0-9]\.[0-9]+x" <<<"$out" &&
            pass "bench: the student's ns/op next to the reference's" || fail "bench" "$out"
        for bad in abc 0 -5 12x 99999999999999999999; do
            out=$(L bench "$SHORT" "$bad" 2>&1); st=$?
            [ $st -eq 2 ] && ! grep -qiwE "inf|-?nan|yours/reference" <<<"$out" &&
                pass "bench $SHORT $bad is refused (status 2), nothing measured" ||
                fail "bench $SHORT $bad must be refused" "$out"
        done
    fi
    cp "$SKEL" "$TREE/$LAB/$FILE"
    if [ -n "$(LI "$LAB" bench)" ]; then
        out=$(L bench "$SHORT" 100000 2>&1); st=$?
        [ $st -eq 1 ] && grep -q "not written yet" <<<"$out" && ! grep -qE "0\.00x" <<<"$out" &&
            ! grep -qiwE "inf|-?nan" <<<"$out" &&
            pass "bench of the skeleton says the lab is not written yet (no 0.00x)" ||
            fail "bench of the skeleton" "$out"
    fi
else
    fail "no reference $REF to play the student's part"
fi

out=$(L check --all 2>&1)
n=$(grep -cE "^(✗|x|✓|\+) lab0" <<<"$out")
nl=$(ls -d "$TREE"/lab0*/lab.mk | wc -l)
[ "$n" -ge 1 ] && pass "check --all gives one line per lab ($n of $nl labs)" || fail "check --all" "$out"

fi
if want hints; then
echo
echo "== hints"
if [ -f "$TREE/$LAB/hints.md" ]; then
    L check "$SHORT" >/dev/null 2>&1
    out=$(L hint "$SHORT" 2>&1); st=$?
    [ $st -eq 0 ] && grep -qE "^ 1\. " <<<"$out" && grep -q "step 1" <<<"$out" && grep -q "hint 1 of" <<<"$out" &&
        pass "hint: the first hint of the step the first failure belongs to" || fail "hint" "$out"
    out=$(L hint "$SHORT" 2>&1)
    grep -qE "^ 2\. " <<<"$out" && grep -q "hint 2 of" <<<"$out" && pass "hint again: the next, more revealing one" ||
        fail "hint again" "$out"
    out=$(L hint "$SHORT" 1 --all 2>&1)
    grep -qE "^ 1\. " <<<"$out" && grep -qE "^ 2\. " <<<"$out" && pass "hint --all shows the hints seen so far" ||
        fail "hint --all" "$out"
    out=$(L hint "$SHORT" 99 2>&1); st=$?
    [ $st -eq 2 ] && grep -q "no hints for step 99" <<<"$out" && grep -q "Steps with hints" <<<"$out" &&
        pass "hint for a step that does not exist lists the steps" || fail "hint 99" "$out"
else
    fail "$LAB has no hints.md"
fi
mkdir -p "$TREE/lab09_fake/tests"
printf 'lab lab09_fake\nstudent fake.c\ntests tests/check_main.c\nstep 1 Faking it\nfuncs fake\ntest test_fake 5\n' > "$TREE/lab09_fake/lab.mk"
out=$(L hint lab09 2>&1); st=$?
[ $st -ne 0 ] && grep -q "no hints.md" <<<"$out" && pass "a lab without hints.md says so" || fail "hint without hints.md" "$out"
out=$(L list 2>&1)
grep -q "lab09_fake" <<<"$out" && pass "a new lab folder with a lab.mk is discovered" || fail "lab discovery" "$out"
out=$(L play lab09 2>&1); st=$?
[ $st -eq 2 ] && grep -q "no playground yet" <<<"$out" && pass "play of a lab without a playground says so" ||
    fail "play without a playground" "$out"
rm -rf "$TREE/lab09_fake"

fi
if want reset; then
echo
echo "== reset"
if command -v git >/dev/null 2>&1; then
    ( cd "$TREE" && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm skeleton ) >/dev/null 2>&1
    echo "/* my work */" >> "$TREE/$LAB/$FILE"
    out=$(echo n | L reset "$SHORT" 2>&1); st=$?
    [ $st -eq 1 ] && grep -q "Nothing changed" <<<"$out" && grep -q "my work" "$TREE/$LAB/$FILE" &&
        pass "reset asks first; no means no" || fail "reset, answered no" "$out"
    out=$(L reset "$SHORT" </dev/null 2>&1); st=$?
    [ $st -eq 1 ] && grep -q "my work" "$TREE/$LAB/$FILE" && pass "reset with no answer (EOF) changes nothing" ||
        fail "reset at EOF" "$out"
    out=$(L reset "$SHORT" --yes 2>&1); st=$?
    backup=$(ls "$TREE/.labs-backup/$LAB/" 2>/dev/null | head -1)
    if [ $st -eq 0 ] && cmp -s "$TREE/$LAB/$FILE" "$SKEL" && [ -n "$backup" ] &&
       grep -q "my work" "$TREE/.labs-backup/$LAB/$backup" && grep -q "$backup" <<<"$out"; then
        pass "reset --yes: the skeleton back, the student's file in a timestamped backup"
    else
        fail "reset --yes" "$out"
    fi
    out=$(L reset "$SHORT" --yes 2>&1)
    grep -q "already the skeleton" <<<"$out" && pass "reset of an untouched file does nothing" || fail "reset twice" "$out"
    out=$(L reset 2>&1); st=$?
    [ $st -eq 2 ] && pass "reset without a lab refuses" || fail "reset without a lab" "$out"
    rm -rf "$TREE/.git"
else
    fail "git is not installed: reset is not tested"
fi

fi
if want play; then
echo
echo "== play"
out=$(L play "$SHORT" --ref -c "new count 2; next; send 5; next; next; state; gens; throw ValueError('x'); new nosuch; send hello" 2>&1); st=$?
if grep -q "GEN_YIELDED, out = 0" <<<"$out" && grep -q "GEN_CREATED → GEN_RUNNING → GEN_SUSPENDED" <<<"$out" &&
   grep -q "raises StopIteration" <<<"$out" && grep -q "resume_point" <<<"$out" && grep -q "CO_EDONE" <<<"$out" &&
   grep -q 'no "nosuch" in the catalogue' <<<"$out" && grep -q "strings need quotes" <<<"$out"; then
    pass "play --ref: next/send/throw/state, every state change, Python's answer next to C's"
else
    fail "play --ref" "$out"
fi
out=$(L play "$SHORT" -c "new count 1; next" 2>&1)
grep -q "CO_ENOSYS" <<<"$out" && grep -q "play $SHORT --ref" <<<"$out" &&
    pass "play on the skeleton says which function is still a TODO" || fail "play on the skeleton" "$out"
out=$(printf 'new count 1\nnext\nclose\n' | L play "$SHORT" --ref 2>&1)
grep -q "play> next" <<<"$out" && grep -q "gen_close(g1, &exc) = CO_OK" <<<"$out" &&
    pass "play reads its commands from stdin without a terminal" || fail "play from stdin" "$out"
if [ -f "$REF" ]; then
    awk '{ print } /^int gen_send\(/ { want = 1 } want && /^\{/ { print "    if (value.kind == CO_INT && value.as.i == 666) *(volatile int *)0 = 0;"; want = 0 }' \
        "$REF" > "$TREE/$LAB/$FILE"
    out=$(L play "$SHORT" -c "new count 3; next; send 666; new count 1; next" 2>&1)
    grep -q "crashed: Segmentation fault" <<<"$out" && grep -q "Starting the playground again" <<<"$out" &&
        grep -q "GEN_YIELDED, out = 0" <<<"$(sed -n '/Starting the playground again/,$p' <<<"$out")" &&
        pass "a crash in the student's code: explained, and the playground starts again" ||
        fail "play survives a crash" "$out"
    cp "$SKEL" "$TREE/$LAB/$FILE"
fi
for pf in "$TREE"/labs/play/play_lab*.c; do
    pl=$(basename "$pf" .c); pl=${pl#play_}
    [ -d "$TREE/$pl" ] || continue
    out=$(L play "$pl" --ref -c "help" 2>&1); st=$?
    [ $st -eq 0 ] && grep -q "quit" <<<"$out" && pass "play $pl --ref starts and answers help" ||
        fail "play $pl --ref" "$out"
done
if [ -f "$TREE/labs/play/play_lab03_eventloop.c" ] && [ -d "$TREE/lab03_eventloop" ]; then
    out=$(L play lab03 --ref -c "load call_later; step; timers; tasks; cancel hello_tom; run" 2>&1)
    grep -q "ready queue" <<<"$out" && grep -q "awaits sleep" <<<"$out" && grep -q "loop_handle_cancel(hello_tom) = CO_OK" <<<"$out" &&
        grep -q "loop_run_forever returned CO_OK" <<<"$out" &&
        pass "play lab03: load, step, timers, tasks, cancel, run" || fail "play lab03" "$out"
    out=$(L play lab03 --ref -c "load call_later; run" 2>&1)
    d=$(diff <(grep '^t=' <<<"$out") "$TREE/lab03_eventloop/examples/call_later.expected") &&
        pass "play lab03: load call_later runs the example's own setup (it prints call_later.expected)" ||
        fail "play lab03: load call_later is not the example" "$d"
    out=$(L play lab03 -c "load call_soon" 2>&1)
    grep -q "CO_ENOSYS" <<<"$out" && grep -q "play lab03 --ref" <<<"$out" &&
        pass "play lab03 on the skeleton suggests --ref, as lab01's does" || fail "play lab03 on the skeleton" "$out"
fi
if [ -f "$TREE/labs/play/play_lab04_tasks.c" ] && [ -d "$TREE/lab04_tasks" ]; then
    out=$(L play lab04 --ref -c "load say_after; step; step; step" 2>&1)
    grep -q "Task-1 (main_tasks, #1) *PENDING *GEN_SUSPENDED *awaits task Task-2 (say_after, #2)" <<<"$out" &&
        grep -q "awaits a future (PENDING) that a timer sets at t=2: sleep" <<<"$out" &&
        grep -q "1\. step of Task-2 (say_after, #2)" <<<"$out" &&
        grep -q "t=1 *sleep of Task-2 (say_after, #2): sets its future" <<<"$out" &&
        grep -q "done callback of the future Task-2 (say_after, #2) awaits: wakes it" <<<"$out" &&
        pass "play lab04: every task, its state, what it awaits (a task, a sleep's future), the ready queue, the timers" ||
        fail "play lab04: load say_after and step" "$out"
    out=$(L play lab04 --ref -c "load async_cancel; step 2; cancel Task-3; run" 2>&1)
    grep -q "task_cancel(Task-3 (work, #3)) = true" <<<"$out" && grep -q "that future is cancelled" <<<"$out" &&
        grep -q "Task-3 (work, #3) *CANCELLED" <<<"$out" && grep -q "Task-2 (work, #2) *FINISHED" <<<"$out" &&
        grep -q "loop_run_forever returned CO_EDONE" <<<"$out" &&
        pass "play lab04: cancel a waiting task by name, run the loop: CANCELLED next to FINISHED" ||
        fail "play lab04: cancel and run" "$out"
    out=$(L play lab04 -c "load say_after" 2>&1)
    grep -q "CO_ENOSYS" <<<"$out" && grep -q "play lab04 --ref" <<<"$out" &&
        pass "play lab04 on the skeleton suggests --ref" || fail "play lab04 on the skeleton" "$out"
fi
if [ -f "$TREE/labs/play/play_lab05_gather.c" ] && [ -d "$TREE/lab05_gather" ]; then
    out=$(printf 'load queue_workers\nstep 4\n' | L play lab05 --ref 2>&1)
    grep -q "Task-1 (main, #1) *PENDING *GEN_SUSPENDED *awaits gather#1: 0 of 3 children done" <<<"$out" &&
        grep -q "Task-4 (producer, #4) *PENDING *GEN_SUSPENDED *awaits queue#1.put(): 2 items, 1st in line of 1" <<<"$out" &&
        grep -q "queue#1 *2 items (maxsize 2): 3 4" <<<"$out" &&
        grep -q "waiting to put: *Task-4 (producer, #4)" <<<"$out" &&
        grep -q "2. Task-4 (producer, #4) *pending" <<<"$out" &&
        pass "play lab05: the example's own scenario; a gather's children, a queue's items and the task waiting to put" ||
        fail "play lab05: load queue_workers and step" "$out"
    out=$(L play lab05 --ref -c "load async_with; step 9; load gather_hello; step 4" 2>&1)
    grep -q "Task-5 (holder, #5) *PENDING *GEN_SUSPENDED *awaits Semaphore#1.acquire(): 1st in line of 1" <<<"$out" &&
        grep -q "Semaphore#1 *value 0 (locked)" <<<"$out" && grep -q "waiting: *Task-5 (holder, #5)" <<<"$out" &&
        grep -q "1. Task-8 (hello, #8) *5$" <<<"$out" && grep -q "2. Task-9 (hello, #9) *pending$" <<<"$out" &&
        grep -q "gather#1 *PENDING, 0 of 3 children done; awaited by Task-6 (main, #6)" <<<"$out" &&
        ! grep -q "(holder, #" <<<"$(sed -n '/^play> load gather_hello/,$p' <<<"$out")" &&
        pass "play lab05: a semaphore's waiters; the results of a gather so far; a second load starts afresh" ||
        fail "play lab05: semaphore and gather results" "$out"
    out=$(L play lab05 --ref -c "load wait_first; step 2; load wait_for_timeout; step 3" 2>&1)
    grep -q "awaits wait#1 (FIRST_COMPLETED, no timeout) on 3: 1 done" <<<"$out" &&
        grep -q "0. A (wait, #2) *raised EOFError" <<<"$out" &&
        grep -q "awaits wait_for#1 of Task-6 (wait, #6), timeout 2 s: PENDING" <<<"$out" &&
        pass "play lab05: what a wait and a wait_for wait on" || fail "play lab05: wait and wait_for" "$out"
    out=$(L play lab05 -c "load gather_hello" 2>&1)
    grep -q "Your lab05 is not written yet" <<<"$out" && grep -q "play lab05 --ref" <<<"$out" &&
        pass "play lab05 on the skeleton says the lab is not written yet and suggests --ref" ||
        fail "play lab05 on the skeleton" "$out"
fi
out=$(L play "$SHORT" --ref -c "new count; next; send [1, 2]; catalogue; clear" 2>&1)
about_cols=$(sed -n '/^Generators to play with/,/^play>/p' <<<"$out" | grep '^  [a-z]' |
             awk '{ match($0, /[^ ]  +[^ ]/); print RSTART + RLENGTH - 1 }' | sort -u | wc -l)
grep -q "g1 = count(3)" <<<"$out" && grep -q "g1.send(\[1, 2\])" <<<"$out" &&
    ! grep -q "not a Python literal" <<<"$out" && ! grep -q 'no command "clear"' <<<"$out" &&
    [ "$about_cols" = 1 ] &&
    pass "play: labels keep their arguments, [1, 2] is a literal, clear, one column in the catalogue" ||
    fail "play: labels, lists, clear, catalogue" "$out"

fi
if want trace; then
echo
echo "== trace"
out=$(L examples 2>&1)
grep -q "fibo" <<<"$out" && pass "examples lists the examples" || fail "examples" "$out"
parse_svg() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); assert d.documentElement.tagName == "svg"' "$1"
    elif command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$1"
    else
        grep -q "</svg>" "$1"
    fi
}
nex=0; bad=
for mk in "$TREE"/lab0*/lab.mk; do
    l=$(basename "$(dirname "$mk")")
    for ex in $(LI "$l" examples); do
        [ -f "$TREE/$l/examples/$ex.c" ] || continue
        nex=$((nex + 1))
        if ! o=$(L trace "$l/$ex" --ref --svg "$TMP/$ex.svg" 2>&1) || ! parse_svg "$TMP/$ex.svg" 2>/dev/null; then
            bad="$bad $l/$ex"
            echo "$o" | tail -5 | sed 's/^/        /'
        fi
    done
done
[ -z "$bad" ] && pass "trace --svg of all $nex examples: each runs, and each SVG is well-formed XML" ||
    fail "trace --svg failed for:$bad"
out=$(L trace fibo --ref 2>&1)
grep -qE "^fibo +" <<<"$out" && grep -q "yielded" <<<"$out" && pass "trace fibo: a row for the generator, a legend" ||
    fail "trace fibo" "$out"
if grep -q "call_later" "$TREE"/lab03_eventloop/lab.mk 2>/dev/null; then
    out=$(L trace call_later --ref --log 2>&1)
    grep -q "^time " <<<"$out" && grep -q "t=1.2" <<<"$out" && grep -q "Step by step" <<<"$out" &&
        pass "trace of a loop example: the clock across the top, --log step by step" || fail "trace call_later" "$out"
fi
if [ -d "$TREE/lab04_tasks" ]; then
    out=$(L trace async_cancel --ref --log 2>&1)
    grep -qE "^Task-1 work +" <<<"$out" && grep -qE "^Task-2 work +" <<<"$out" && grep -qE "^Task-3 work +" <<<"$out" &&
        ! grep -qE "^(work|sleep|step_cb)" <<<"$out" && grep -q "Task-3 work yielded await sleep until t=3" <<<"$out" &&
        grep -q "Task-2 work raised CancelledError" <<<"$out" &&
        pass "trace lab04: a row per task (three tasks of one coroutine told apart), what each awaits, its steps on its row" ||
        fail "trace async_cancel: tasks as rows" "$out"
    out=$(L trace nested --ref --log 2>&1)
    grep -q "Task-1 main yielded <Task-2 nested>: await Task-2 nested" <<<"$out" && grep -qE "^Task-3 nested +" <<<"$out" &&
        pass "trace lab04: a task awaiting a task says which one" || fail "trace nested: await of a task" "$out"
fi
if [ -d "$TREE/lab05_gather" ]; then
    out=$(L trace queue_workers --ref --log 2>&1)
    grep -q "Task-1 main yielded gather#1 of 3" <<<"$out" && grep -q "Task-2 worker yielded queue#1.get()" <<<"$out" &&
        grep -q "Task-4 producer yielded queue#1.put()" <<<"$out" &&
        grep -qE "^ +9  t=0 +Task-2 worker: wait woken, queue#1$" <<<"$out" &&
        grep -qE "^ +16  t=0 +Task-4 producer: wait woken, queue#1$" <<<"$out" &&
        pass "trace lab05: who waits on a gather or a queue (get, put), and when a put or a get wakes it, on its row" ||
        fail "trace queue_workers: the waiters" "$out"
    out=$(L trace async_with --ref --log 2>&1)
    grep -q "Task-4 holder yielded sem#1.acquire()" <<<"$out" && grep -q "Task-4 holder: wait woken, sem#1" <<<"$out" &&
        grep -q "callback Task-1 main ran at 2" <<<"$out" &&
        pass "trace lab05: a semaphore's waiters woken by a release; a gather's child done is drawn on the row that awaits the gather" ||
        fail "trace async_with: the semaphore's waiters" "$out"
fi
out=$(L trace nosuch 2>&1); st=$?
[ $st -eq 2 ] && grep -q 'no example "nosuch"' <<<"$out" && pass "trace of an unknown example names the examples" ||
    fail "trace nosuch" "$out"

fi
if want watch; then
echo
echo "== watch"
WOUT=$TMP/watch.out
for mode in inotify poll; do
    opt=; [ $mode = poll ] && opt=--poll
    cp "$SKEL" "$TREE/$LAB/$FILE"
    # the program itself in the background (not a function: $! must be its pid)
    "$LABS" --root "$TREE" --build "$TB" watch "$SHORT" $opt >"$WOUT" 2>&1 &
    wpid=$!
    for _ in $(seq 100); do grep -q "waiting for a save" "$WOUT" && break; sleep 0.1; done
    cp "$REF" "$TREE/$LAB/$FILE"
    for _ in $(seq 150); do grep -q "$NTESTS of $NTESTS tests pass" "$WOUT" && break; sleep 0.1; done
    sleep 0.3
    kill -INT $wpid 2>/dev/null
    for _ in $(seq 50); do kill -0 $wpid 2>/dev/null || break; sleep 0.1; done
    if kill -0 $wpid 2>/dev/null; then
        kill -KILL $wpid 2>/dev/null
        echo "(watch did not stop on SIGINT within 5 s)" >>"$WOUT"
    fi
    wait $wpid; st=$?
    out=$(cat "$WOUT")
    if [ $st -eq 0 ] && grep -q "0 of $NTESTS tests pass" <<<"$out" && grep -q "$FILE changed: checking" <<<"$out" &&
       grep -q "$NTESTS of $NTESTS tests pass" <<<"$out" && grep -q "Still watching $LAB" <<<"$out" &&
       grep -q "Stopped watching" <<<"$out"; then
        pass "watch ($mode): re-checks on save, stays on the lab, Ctrl-C stops it"
    else
        fail "watch ($mode)" "$out"
    fi
done
cp "$SKEL" "$TREE/$LAB/$FILE"

fi
if want colour; then
echo
echo "== colour"
out=$(L list 2>&1)
! grep -q $'\e\[' <<<"$out" && pass "no colour when the output is piped" || fail "colour in a pipe" "$(cat -v <<<"$out" | head -3)"

fi
if want pty; then
echo
echo "== through a pseudo-terminal"
# pty SCRIPT [ENV...]: run the shell on a terminal with the script (on stdin)
pty() { local s=$1; shift; env TERM=xterm "$@" "$PTY" -t 30 -o "$TMP/pty.out" -- "$LABS" --root "$TREE" --build "$TB" <<<"$s"; }
# the first session sees the tree as a fresh clone does: no cache yet
export LABS_STATE=$TMP/fresh-state
rm -f "$LABS_STATE"
rm -f "$LABS_HISTORY"
s='expect Welcome to coro-labs
expect Start here
expect labs lab01_generators
send che\t
expect check 
send \x15
send check lab01 test_fibo_sm_yi\t
expect test_fibo_sm_yields_the_seed_sequence_below_100
send \x15
send trace fib\t
expect trace fibo 
send \x15
send hint lab01 \t\t
expect 1
send \x15
send lab lab0\t\t
expect lab02
send \x15
send list\r
expect coro-labs:
expect labs lab01_generators
send \x03
expect ^C
send help check\r
expect usage
send quit\r
wait'
if o=$(pty "$s" NO_COLOR=1 2>&1); then
    pass "on a terminal: greeting, prompt naming the lab, Tab completes commands, tests, examples, steps, labs"
else
    fail "pty session" "$o"
fi
[ -f "$LABS_HISTORY" ] && grep -qx "list" "$LABS_HISTORY" && grep -qx "help check" "$LABS_HISTORY" &&
    pass "history is written to \$LABS_HISTORY" || fail "history file" "$(cat "$LABS_HISTORY" 2>&1)"
s='expect labs lab01_generators
send \e[A\e[A
expect help check
send \r
expect usage: check
expect labs lab01_generators
send \x04
wait'
o=$(pty "$s" NO_COLOR=1 2>&1) && pass "history is there in the next session (Up arrow), Ctrl-D leaves" ||
    fail "history across sessions" "$o"
s='expect labs
send list\r
expect \e[
send quit\r
wait'
o=$(pty "$s" 2>&1) && pass "colour on a terminal" || fail "colour on a terminal" "$o"
s='expect labs lab01_generators
send list\r
expect coro-labs:
send quit\r
wait'
if pty "$s" NO_COLOR=1 >/dev/null 2>&1 && ! grep -q $'\e\[[0-9;]*m' "$TMP/pty.out"; then
    pass "no colour with NO_COLOR, even on a terminal"
else
    fail "NO_COLOR on a terminal" "$(cat -v "$TMP/pty.out" | head -5)"
fi
s='expect labs lab01_generators
send play lab01 --ref\r
expect play lab01> 
send new fi\t 5\r
expect g1 = fibo(5)
send next\r
expect GEN_YIELDED
expect play lab01 g1 fibo(5)> 
send throw Val\t\r
expect raises ValueError
send quit\r
expect Left the lab01_generators playground
send quit\r
wait'
o=$(pty "$s" NO_COLOR=1 2>&1) && pass "play in the shell: its own prompt and completion, quit comes back" ||
    fail "play through the terminal" "$o"
s='expect labs lab01_generators
send watch lab01\r
expect waiting for a save
send \x03
expect Stopped watching
expect labs lab01_generators
send quit\r
wait'
o=$(pty "$s" NO_COLOR=1 2>&1) && pass "Ctrl-C ends watch and returns to the prompt" || fail "watch and Ctrl-C" "$o"

fi
if want grader; then
echo
echo "== one build-and-score path: check asks the grader"
# A reference with one unused variable, and a points table with 2.5 points
# on one test: the shell and the grader give the same build outcome and
# the same points (warnings shown, never costing points).
if [ -f "$REF" ]; then
    MK=$TMP/lab.mk.saved
    cp "$TREE/$LAB/lab.mk" "$MK"
    t1=$(LI "$LAB" points | head -1 | cut -d' ' -f1)
    sed -i "s/^\(test[[:space:]]*$t1[[:space:]]*\)[0-9.]*$/\12.5/" "$TREE/$LAB/lab.mk"
    awk '{ print } /^\{/ && !done { print "    int unused_variable;"; done = 1 }' "$REF" > "$TREE/$LAB/$FILE"
    max=$(LI "$LAB" max-points)
    out=$(L check "$SHORT" 2>&1); st=$?
    g=$("$BIN/grader" --root "$TREE" --build "$TB" --lab "$LAB" --submission "$TREE/$LAB" --format json 2>&1)
    gs=$(grep -m1 -oE '"score": [0-9.]+' <<<"$g" | grep -oE '[0-9.]+$')
    [ $st -eq 0 ] && grep -q "unused_variable" <<<"$out" && grep -q "$max of $max points" <<<"$out" &&
        [ "$gs" = "$max" ] && [[ "$max" == *.5 ]] &&
        pass "an unused variable and 2.5 points: check and the grader both build it and give $max / $max" ||
        fail "check and the grader agree (unused variable, 2.5 points)" "check (status $st): $out
grader: $(head -3 <<<"$g")"
    out=$(L check "$SHORT" --mine 2>&1); st=$?
    [ $st -eq 0 ] && grep -q "$max of $max points" <<<"$out" &&
        pass "check --mine builds it too (no -Werror for a student's files) and gives $max" ||
        fail "check --mine with an unused variable" "$out"
    cp "$MK" "$TREE/$LAB/lab.mk"
    cp "$SKEL" "$TREE/$LAB/$FILE"
fi

fi
if want concurrency; then
echo
echo "== concurrency: checks, watches and graders on one tree at once"
# Two `check`s and one grader started together, ten times: all succeed,
# and `list` shows the result saved last.
if [ -f "$REF" ]; then
    cp "$REF" "$TREE/$LAB/$FILE"
    L check "$SHORT" >/dev/null 2>&1        # build what the grader needs once
    bad=0
    for round in $(seq 10); do
        L check "$SHORT" >"$TMP/c1.$round" 2>&1 & p1=$!
        L check "$SHORT" >"$TMP/c2.$round" 2>&1 & p2=$!
        "$BIN/grader" --root "$TREE" --build "$TB" --lab "$LAB" --submission "$TREE/$LAB" \
            >"$TMP/g.$round" 2>&1 & p3=$!
        wait $p1 || bad=$((bad + 1))
        wait $p2 || bad=$((bad + 1))
        wait $p3 || bad=$((bad + 1))
        grep -q "status 127\|could not be started" "$TMP/c1.$round" "$TMP/c2.$round" && bad=$((bad + 1))
    done
    [ $bad -eq 0 ] && pass "2 checks + 1 grader at once, 10 rounds: all 30 succeed" ||
        fail "concurrent checks: $bad of 30 failed" "$(cat "$TMP"/c1.* "$TMP"/c2.* | grep -v '^ *$' | sort | uniq -c | sort -rn | head -20)"
    # the latest result wins: a failing one saved after a passing one
    cp "$SKEL" "$TREE/$LAB/$FILE"
    L check "$SHORT" >/dev/null 2>&1
    out=$(L list 2>&1)
    grep -qE "$LAB +0/$NTESTS " <<<"$out" && pass "list shows the latest result (0/$NTESTS after the skeleton came back)" ||
        fail "list after concurrent checks" "$out"
    grep -c "^result	$LAB	" "$TREE/.labs-state" | grep -qx 1 && pass ".labs-state holds one result per lab" ||
        fail ".labs-state after concurrent saves" "$(cat "$TREE/.labs-state")"
fi

fi
if want script; then
echo
echo "== script mode"
out=$(printf 'lab lab01\nlist\nnosuch\n' | L 2>&1); st=$?
[ $st -eq 2 ] && grep -q "labs> list" <<<"$out" && grep -q "coro-labs:" <<<"$out" && grep -q 'no command "nosuch"' <<<"$out" &&
    pass "without a terminal, commands come from stdin; the worst status is returned" || fail "script mode" "$out"

fi
# ---- issue 15: the trace to scale, what a pointer stands for, whole lines -------
if want trace && grep -q "io_switch" "$TREE"/lab03_eventloop/lab.mk 2>/dev/null; then
echo
echo "== trace to scale"
# every moment's mark sits at x0 + scale * t, with the scale the subtitle states,
# and every step box of that moment lies between its mark and the next one
scale_check() {
    python3 - "$1" <<'PY'
import re, sys, xml.dom.minidom as m
d = m.parse(sys.argv[1])
texts = d.getElementsByTagName('text')
sub = [t.firstChild.data for t in texts if t.firstChild and '1 s = ' in t.firstChild.data]
assert sub, 'no "1 s = N px" in the subtitle'
scale = float(re.search(r'1 s = ([0-9.e+]+) px', sub[0]).group(1))
ticks = [(float(t.getAttribute('x')), float(t.firstChild.data[2:]))
         for t in texts if t.getAttribute('class') == 'tick']
assert len(ticks) >= 2, 'fewer than two time marks: %r' % ticks
x0, t0 = ticks[0]
for x, t in ticks:
    want = x0 + scale * (t - t0)
    assert abs(x - want) < 1.0, 't=%g drawn at x=%.1f, to scale it is at %.1f' % (t, x, want)
assert not d.getElementsByTagName('path'), 'a broken axis where no gap is huge'
print('%d marks to scale (1 s = %g px)' % (len(ticks), scale))
PY
}
for ex in io_switch call_later; do
    r=
    if o=$(L trace "$ex" --ref --svg "$TMP/scale-$ex.svg" 2>&1) && r=$(scale_check "$TMP/scale-$ex.svg" 2>&1); then
        pass "trace $ex --svg: time to scale ($r)"
    else
        fail "trace $ex --svg: time to scale" "$o
$r"
    fi
done
out=$(L trace io_switch --ref --log 2>&1)
grep -q "both done: one second, not two" <<<"$(grep -v '^ *[0-9]* *t=' <<<"$out")" &&
    pass "trace: printed lines are drawn whole, not cut" || fail "trace io_switch: a printed line was cut" "$out"
{ cat "$TMP/scale-io_switch.svg" "$TMP/scale-call_later.svg"; echo "$out"; } | grep -qE "<ptr|&lt;ptr" &&
    fail "trace: a tooltip shows a raw pointer" "$(grep -o '[^>]*&lt;ptr[^<]*' "$TMP"/scale-*.svg | head -3)" ||
    pass "trace: tooltips say what a pointer stands for (sleep 1), never an address"
grep -q "task yielded sleep 1" <<<"$out" && grep -q "task#2 yielded sleep 1" <<<"$out" &&
    pass "trace: two tasks of one name have a row each (task, task#2)" || fail "trace io_switch rows" "$out"
# a huge gap (0.1 s, then 1000 s): cut short, and marked on the axis
cp "$TREE/lab03_eventloop/lab.mk" "$TMP/lab03.mk.orig"
sed -e 's/loop_sleep(&f->req, 1.0)/loop_sleep(\&f->req, f->first[0] == '"'1'"' ? 0.1 : 1000.0)/' \
    "$TREE/lab03_eventloop/examples/io_switch.c" > "$TREE/lab03_eventloop/examples/long_gap.c"
sed -i 's/^examples\( *\)/examples\1long_gap /' "$TREE/lab03_eventloop/lab.mk"
if o=$(L trace long_gap --ref --svg "$TMP/gap.svg" 2>&1) && r=$(python3 - "$TMP/gap.svg" <<'PY' 2>&1
import sys, xml.dom.minidom as m
d = m.parse(sys.argv[1])
w = int(d.documentElement.getAttribute('width'))
breaks = [g for g in d.getElementsByTagName('g') if g.getAttribute('class') == 'break']
assert len(breaks) == 1, '%d broken gaps drawn, expected 1 (the 1000 s sleep)' % len(breaks)
title = breaks[0].getElementsByTagName('title')[0].firstChild.data
assert 'gap of 999.9 s' in title, title
assert w < 3000, 'the picture is %d px wide: the gap was not cut' % w
print('one break (%s), %d px wide' % (title, w))
PY
); then
    pass "trace --svg: a huge gap is cut short and marked as broken ($r)"
else
    fail "trace --svg: broken axis" "$o
$r"
fi
cp "$TMP/lab03.mk.orig" "$TREE/lab03_eventloop/lab.mk"
rm -f "$TREE/lab03_eventloop/examples/long_gap.c"
out=$(L trace call_later --mine 2>&1)
grep -q "The example exited with status 1" <<<"$out" && grep -qE "^Why: loop_[a-z_]+ returned CO_ENOSYS \(a TODO of loop.c\)" <<<"$out" &&
    pass "trace --mine of an example that gives up says which loop call failed" ||
    fail "trace --mine on the skeleton: why it stopped" "$out"
fi

# ---- issue 15: the playground's own history ------------------------------------
if want pty; then
echo
echo "== history per context"
rm -f "$LABS_HISTORY" "$LABS_HISTORY.play"
s='expect labs lab01_generators
send list\r
expect coro-labs:
send play lab01 --ref\r
expect play lab01> 
send new fibo 5\r
expect g1 = fibo(5)
send next\r
expect GEN_YIELDED
send quit\r
expect Left the lab01_generators playground
expect labs lab01_generators
send \e[A
expect play lab01 --ref
send \e[A
expect list
send \x15quit\r
wait'
o=$(pty "$s" NO_COLOR=1 2>&1) && pass "after play, Up at the main prompt brings back main commands, not the playground's" ||
    fail "history per context" "$o"
grep -qx "next" "$LABS_HISTORY.play" 2>/dev/null && ! grep -qx "next" "$LABS_HISTORY" &&
    pass "the playground's history has its own file (\$LABS_HISTORY.play)" ||
    fail "playground history file" "main: $(cat "$LABS_HISTORY" 2>&1)
play: $(cat "$LABS_HISTORY.play" 2>&1)"
fi

# ---- issue 15: a hang points at the call, a crash at the real test program -------
if want cli; then
echo
echo "== timeouts and crashes"
T15=$TMP/tree15
cp -r "$TREE" "$T15"
L15() { "$LABS" --root "$T15" --build "$TMP/build15" "$@"; }
# broken_gen hang|crash: the reference gen.c into T15's lab01, with one
# call that never returns, or crashes (for `count` generators)
broken_gen() {
    python3 - "$T15/solutions/lab01_generators/gen.c" "$T15/lab01_generators/gen.c" "$1" <<'PY'
import sys
s = open(sys.argv[1]).read()
what = {'hang': 'for (;;) ;', 'crash': '*(volatile int *)0 = 0;'}[sys.argv[3]]
s = s.replace("    g->sent = value;\n    return gen_resume(g, out, exc);",
              "    g->sent = value;\n    if (g->state == GEN_SUSPENDED && strcmp(g->name, \"count\") == 0)\n"
              "        " + what + "\n    return gen_resume(g, out, exc);")
open(sys.argv[2], 'w').write(s)
PY
}
broken_gen hang
# a short time limit: only the hanging tests wait for it
out=$(CK_TIMEOUT_MULTIPLIER=0.1 L15 check lab01 --mine 2>&1)
grep -q "Test timeout expired" <<<"$out" && grep -q "then this call never returned" <<<"$out" &&
    grep -qE "^ +[0-9]+ \| +r = gen_next\(" <<<"$out" &&
    pass "a timeout points at the call that did not return, not the check before it" ||
    fail "timeout: where it hangs" "$out"
# gen_next is given code (gen_given.c): it calls the student's gen_send, which hangs
grep -q "^Next: edit lab01_generators/gen.c, function gen_send()" <<<"$out" &&
    pass "after a timeout, Next: names the student's function that did not return" || fail "timeout: Next:" "$out"
broken_gen crash
out=$(L15 check lab01 --mine 2>&1)
prog=$(grep -o 'gdb --args [^ )]*' <<<"$out" | head -1 | cut -d' ' -f3)
[ -n "$prog" ] && [ -x "$prog" ] && [[ "$prog" == */check_lab01_generators ]] &&
    pass "a crash's help names the real test program ($prog)" || fail "crash: gdb line" "$out"
# a hang seen through the grader (no --mine): its "where" is the last check
# the test got past, so the call after it is the one that never returned
broken_gen hang
out=$(L15 check lab01 2>&1)
grep -q "then this call never returned" <<<"$out" && grep -qE "^ +[0-9]+ \| +r = gen_next\(" <<<"$out" &&
    grep -q "^Next: edit lab01_generators/gen.c, function gen_send()" <<<"$out" &&
    pass "a timeout through the grader points at the call that did not return, and Next: at gen_send" ||
    fail "timeout through the grader: where it hangs" "$out"
broken_gen crash
# the same through the grader (no --mine): it builds in a scratch folder,
# so the help builds BUILD/iso's program of the same tests and names it
out=$(L15 check lab01 2>&1)
prog=$(grep -o 'gdb --args [^ )]*' <<<"$out" | head -1 | cut -d' ' -f3)
[ -n "$prog" ] && [ -x "$prog" ] && [[ "$prog" == */iso/lab01_generators/check_lab01_generators ]] &&
    grep -qE 'CK_RUN_CASE="[a-z]' <<<"$out" && grep -qE "in lab01_generators/tests/[a-z_]+\.c:[0-9]+" <<<"$out" &&
    pass "a crash seen by the grader: its line, its tcase and a real program to debug ($prog)" ||
    fail "crash through the grader: gdb line" "$out"
fi

# bench of a lab with a graded speed part (its manifest's `speed` line):
# the part as the grader scores it, figures and all, before the benches;
# the skeleton's is "not measured", never a ratio.
SPEED_LAB=$(for l in $(cd "$TREE" && ls -d lab0*/ | tr -d /); do
                [ -n "$(LI "$l" speed)" ] && [ -d "$TREE/solutions/$l" ] && echo "$l"; done | head -1)
if want speed && [ -n "$SPEED_LAB" ]; then
    echo; echo "== bench: the speed part of $SPEED_LAB"
    for f in $(LI "$SPEED_LAB" student); do cp "$TREE/solutions/$SPEED_LAB/$f" "$TREE/$SPEED_LAB/$f"; done
    out=$(L bench "${SPEED_LAB:0:5}" 1000 2>&1); st=$?
    flat=$(tr -s '\n ' '  ' <<<"$out")        # the wrapped paragraph as one line
    [ $st -eq 0 ] && grep -q "Speed part: speed_" <<<"$flat" && grep -qE "[0-9.]+x its speed" <<<"$flat" &&
        grep -qE "ns per operation, the reference [0-9.]+" <<<"$flat" &&
        pass "bench: the speed part's figures as the grader gives them" || fail "bench: the speed part" "$out"
    for f in $(LI "$SPEED_LAB" student); do
        git -C "$ROOT" show "HEAD:$SPEED_LAB/$f" >"$TREE/$SPEED_LAB/$f" 2>/dev/null ||
            cp "$ROOT/$SPEED_LAB/$f" "$TREE/$SPEED_LAB/$f"
    done
    out=$(L bench "${SPEED_LAB:0:5}" 1000 2>&1); st=$?
    flat=$(tr -s '\n ' '  ' <<<"$out")
    [ $st -eq 1 ] && grep -q "Speed part: .*not measured" <<<"$flat" && ! grep -qE "x its speed" <<<"$flat" &&
        pass "bench of the skeleton: the speed part is not measured" || fail "bench of the skeleton: the speed part" "$out"
fi

# bench of every other lab's skeleton (the tree holds the skeletons): a
# benchmark whose operations fail stops (co_bench_fail), and the shell says
# which call failed and that the lab is not written yet, never a figure.
if want bench; then
    echo; echo "== bench: every lab's skeleton"
    for l in $(cd "$TREE" && ls -d lab0*/ | tr -d /); do
        [ "$l" = "$LAB" ] || [ -z "$(LI "$l" bench)" ] && continue
        out=$(L bench "${l:0:5}" 1000 2>&1); st=$?
        [ $st -eq 1 ] && grep -q "Your $l is not written yet" <<<"$out" &&
            grep -q "failed, so it was not timed" <<<"$out" &&
            ! grep -v "= as fast as the reference" <<<"$out" | grep -qE "[0-9]\.[0-9]+x|yours/reference" &&
            ! grep -qiwE "inf|-?nan" <<<"$out" &&
            pass "bench $l on the skeleton: which call failed, not written yet, no figure" ||
            fail "bench $l on the skeleton" "$out"
    done
fi

summary
