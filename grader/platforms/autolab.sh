#!/usr/bin/env bash
# autolab.sh LAB... - the body of `make autolab`: for each lab,
# dist/autolab/LAB/autograde-Makefile and autograde.tar for an Autolab
# assessment (its autograder files; name one problem LAB, worth the lab's
# points; the handin file gen.c, handin.c or handin.zip).  autograde.tar
# holds coro-labs/ (the instructor's tree: bundle-lib.sh) and
# coro-labs-autolab/ (autolab-grade.sh, FILES, pins.sha256).  Then each is
# run as Tango runs a job: a scratch folder with the handin file (for a
# lab of several files, handin.zip),
# autograde.tar and the Makefile, then `make`; its last line must be the
# scores: the reference full marks, the skeleton 0, a file that does not
# compile 0 with its errors.
source "$(dirname "$0")/bundle-lib.sh"      # cd to the tree, lib.sh, $root, $tmp
for lab in "$@"; do
    section "autolab: $lab"
    b=dist/autolab/$lab
    rm -rf "$b"
    mkdir -p "$b"
    bundle_tree "$lab" "$tmp/$lab" || { fail "$lab: cannot stage the tree"; continue; }
    mkdir -p "$tmp/$lab/coro-labs-autolab"
    cp grader/platforms/autolab-grade.sh "$tmp/$lab/pins.sha256" "$tmp/$lab/coro-labs-autolab/"
    lab_var "$lab" student >"$tmp/$lab/coro-labs-autolab/FILES"
    tar -C "$tmp/$lab" -cf "$b/autograde.tar" coro-labs coro-labs-autolab
    printf '%s\n' \
        "# Autolab autograder for $lab (coro-labs; made by make autolab)." \
        "# Tango runs make here with autograde.tar and the handin file beside it." \
        "all:" \
        "	@tar xf autograde.tar" \
        "	@bash coro-labs-autolab/autolab-grade.sh $lab" >"$b/autograde-Makefile"
    pass "$b: autograde-Makefile, autograde.tar ($(du -k "$b/autograde.tar" | cut -f1) KiB)"
    first=$(lab_var "$lab" student | awk '{ print $1 }')
    for who in reference skeleton broken; do
        job=$tmp/job-$lab-$who
        mkdir -p "$job"
        cp "$b/autograde.tar" "$job/"
        cp "$b/autograde-Makefile" "$job/Makefile"
        case $who in
            reference) for f in $(lab_var "$lab" student); do cp "solutions/$lab/$f" "$job/"; done;;
            skeleton)  for f in $(lab_var "$lab" student); do cp "$lab/$f" "$job/"; done;;
            broken)    echo "this is not C;" >"$job/$first";;
        esac
        # a lab of several files is handed in as Autolab takes one file: handin.zip
        files=$(lab_var "$lab" student)
        if [ "$(wc -w <<<"$files")" -gt 1 ]; then
            (cd "$job" && ls $files 2>/dev/null | xargs zip -q handin.zip && rm -f $files)
        fi
        (cd "$job" && unset BUILD BIN MAKEFLAGS MFLAGS MAKELEVEL && make -s >"$job/out" 2>&1)
        last=$(tail -1 "$job/out")
        score=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["scores"][sys.argv[2]])' \
                "$last" "$lab" 2>/dev/null)
        max=$(grep -m1 -oE "^$lab: [0-9.]+ / [0-9.]+" "$job/out" | awk '{ print $4 }')
        case $who in
            reference) want=$max;;
            *) want=0;;
        esac
        if [ -n "$score" ] && [ "$score" = "$want" ] && [ -n "$max" ]; then
            pass "$lab/$who: the job's last line gives $score / $max"
        else
            fail "$lab/$who: the job's last line is: $last (expected $want)" "$(tail -20 "$job/out")"
        fi
        [ $who = broken ] && { grep -q "error:" "$job/out" &&
            pass "$lab: a file that does not compile: its errors are in the job's output" ||
            fail "$lab: the broken file's errors are not shown" "$(head -20 "$job/out")"; }
    done
done
summary
