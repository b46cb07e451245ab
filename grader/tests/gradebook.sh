#!/usr/bin/env bash
# gradebook.sh - a class on many machines: 50 students graded by
# `--batch`, by GNU parallel locally, by GNU parallel over ssh to
# localhost (--sshloginfile, a private sshd on a free port with a key made
# here), and by the Slurm array script's body, all give the same CSV
# through `--gradebook`; the Canvas and Gradescope CSVs; a failure is
# never a number.
set -u
cd "$(dirname "$0")/../.." || exit 2
source grader/scripts/lib.sh
: "${BIN:=bin}"
case $BIN in /*) ;; *) BIN=$PWD/$BIN;; esac
root=$PWD
lab=lab01_generators
tmp=$(mktemp -d)
chmod 755 "$tmp"
sshd_pid=
cleanup() {
    [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export TMPDIR=$tmp
grader=$BIN/grader

section "gradebook: 50 students, one CSV whatever runs the jobs"
python3 grader/tests/make-class.py "$tmp/class" "solutions/$lab/gen.c" "$lab/gen.c" 50
"$grader" --batch "$tmp/class" --lab $lab -j 2 --output "$tmp/batch" 2>"$tmp/batch.err" ||
    fail "grader --batch failed" "$(tail "$tmp/batch.err")"
want=$tmp/batch/grades.csv
mkdir -p "$tmp/staged"
"$grader" --intake "$tmp/class" --lab $lab --output "$tmp/staged" >"$tmp/staged/students.txt" \
    2>"$tmp/intake.err" || fail "grader --intake failed" "$(tail "$tmp/intake.err")"
[ "$(wc -l <"$tmp/staged/students.txt")" = 50 ] && pass "--intake staged 50 students" ||
    fail "--intake listed $(wc -l <"$tmp/staged/students.txt") students"

# same_csv NAME RESULTS [N]: the gradebook of RESULTS equals --batch's
# (its first N students)
same_csv() {
    if ! "$grader" --gradebook "$2" --output "$tmp/$1.csv" 2>"$tmp/$1.err"; then
        fail "$1: grader --gradebook failed" "$(cat "$tmp/$1.err")"
    elif diff <(head -$((${3:-50} + 1)) "$want") "$tmp/$1.csv" >"$tmp/$1.diff"; then
        pass "$1: the gradebook equals --batch's CSV ($(($(wc -l <"$tmp/$1.csv") - 1)) rows)"
    else
        fail "$1: the gradebook differs from --batch's CSV" "$(head -20 "$tmp/$1.diff")"
    fi
}
same_csv batch-itself "$tmp/batch"

one="$grader --lab $lab --submission $tmp/staged/{} --jobs 1 --format json --output"
# GNU parallel on this machine: the first 8 students (the whole class
# goes through ssh below), against the same rows of --batch's CSV.
if command -v parallel >/dev/null 2>&1; then
    mkdir -p "$tmp/par"
    head -8 "$tmp/staged/students.txt" |
        parallel --will-cite -j 2 "$one $tmp/par/{}.json" 2>"$tmp/par.err"
    same_csv parallel-local "$tmp/par" 8
else
    fail "GNU parallel is not installed (apt-get install parallel)"
fi

# GNU parallel over ssh: a private sshd (own config, host key, key for
# root, port) that this test starts and stops; the system's sshd and
# ~/.ssh are left alone.
ssh_reason=
if ! command -v parallel >/dev/null 2>&1; then
    ssh_reason="GNU parallel is not installed"
elif [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1; then
    ssh_reason="sshd or ssh is not installed (apt-get install openssh-server openssh-client)"
elif [ "$(id -u)" != 0 ]; then
    ssh_reason="a private sshd needs root here (run make test as root)"
else
    s=$tmp/ssh
    mkdir -p "$s" /run/sshd
    chmod 700 "$s"
    ssh-keygen -q -t ed25519 -N '' -f "$s/host" && ssh-keygen -q -t ed25519 -N '' -f "$s/key"
    cp "$s/key.pub" "$s/authorized_keys"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$s/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $s/host
AuthorizedKeysFile $s/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $s/sshd.pid
EOF
    /usr/sbin/sshd -D -e -f "$s/sshd_config" 2>"$s/sshd.log" &
    sshd_pid=$!
    sshcmd="ssh -p $port -i $s/key -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=$s/known_hosts -o LogLevel=ERROR"
    up=0
    for _ in $(seq 100); do
        $sshcmd root@127.0.0.1 true 2>/dev/null && { up=1; break; }
        kill -0 "$sshd_pid" 2>/dev/null || break
        read -rt 0.1 <> <(:) || true     # wait 0.1 s for sshd to listen
    done
    [ $up = 1 ] || ssh_reason="the private sshd did not start: $(tail -3 "$s/sshd.log")"
fi
if [ -z "$ssh_reason" ]; then
    printf '2/%s root@127.0.0.1\n' "$sshcmd" >"$tmp/sshloginfile"
    mkdir -p "$tmp/ssh-results"
    parallel --will-cite --sshloginfile "$tmp/sshloginfile" \
        "cd $root && TMPDIR=$tmp $one $tmp/ssh-results/{}.json" \
        <"$tmp/staged/students.txt" 2>"$tmp/sshpar.err"
    n=$(ls "$tmp/ssh-results" | wc -l)
    [ "$n" = 50 ] && pass "parallel --sshloginfile (ssh to localhost) graded 50 students" ||
        fail "parallel over ssh wrote $n reports" "$(tail "$tmp/sshpar.err")"
    same_csv parallel-ssh "$tmp/ssh-results"
else
    skip "parallel over ssh" "$ssh_reason"
fi

# The Slurm array's body, task by task, as Slurm would run it (8 tasks).
for k in $(seq 0 7); do
    SLURM_ARRAY_TASK_ID=$k CORO_LABS_GRADER=$BIN/grader bash grader/scripts/slurm-grade.sh $lab "$tmp/staged" "$tmp/slurm" \
        2>>"$tmp/slurm.err" || fail "slurm-grade.sh task $k failed" "$(tail -3 "$tmp/slurm.err")"
done
same_csv slurm-array "$tmp/slurm" 8

section "gradebook: formats and failures"
full=$(sed -n 's/^student00,\([0-9.]*\),.*/\1/p' "$want")
[ -n "$full" ] && [ "$full" != 0 ] && pass "student00 (the reference) scores $full" ||
    fail "student00's row: $(grep student00 "$want")"
grep -q '^student03,0,0,,.*compile error' "$want" &&
    pass "a file that does not compile: 0 with its problem" ||
    fail "student03 (not compiling): $(grep student03 "$want")"
"$grader" --gradebook "$tmp/batch" --canvas --output "$tmp/canvas.csv" 2>/dev/null
head -1 "$tmp/canvas.csv" | grep -qx "Student,ID,SIS User ID,SIS Login ID,Section,$lab" &&
    grep -q "^student00,,,student00,,$full$" "$tmp/canvas.csv" &&
    pass "--canvas: Canvas's import columns" || fail "--canvas CSV" "$(head -3 "$tmp/canvas.csv")"
"$grader" --gradebook "$tmp/batch" --gradescope-csv --output "$tmp/gs.csv" 2>/dev/null
head -1 "$tmp/gs.csv" | grep -qx "Name,SID,Email,$lab,Total Score" &&
    grep -q "^student00,,,$full,$full$" "$tmp/gs.csv" &&
    pass "--gradescope-csv: Gradescope's import columns" || fail "--gradescope-csv" "$(head -3 "$tmp/gs.csv")"
mkdir -p "$tmp/broken"
cp "$tmp/batch/student00.json" "$tmp/broken/"
echo '{"score": 99' >"$tmp/broken/student01.json"
sed 's/"grader_error": false/"grader_error": true/' "$tmp/batch/student02.json" >"$tmp/broken/student02.json"
"$grader" --gradebook "$tmp/broken" --output "$tmp/broken.csv" 2>/dev/null
grep -q '^student01,,,grader error: its report is not a grader JSON report,$' "$tmp/broken.csv" &&
    grep -q '^student02,,,lab01_generators: grader error,' "$tmp/broken.csv" &&
    pass "an unreadable report or a grader error is an empty cell and an error, never a number" ||
    fail "failures in the gradebook" "$(cat "$tmp/broken.csv")"
summary
