#!/usr/bin/env bash
# classroom50.sh LAB... - the body of `make classroom50`: for each lab,
# dist/classroom50/autograders/LAB/ for a Classroom 50 classroom
# repository (copy it to CLASSROOM/autograders/ASSIGNMENT/): autograder.py
# (grader/platforms/autograder.py), LAB, FILES, coro-labs.tar.gz (the
# instructor's tree: bundle-lib.sh) and pins.sha256.  Then each is run as
# the Classroom 50 runner runs it, in a student's checkout with its
# environment: the reference gets full marks, the skeleton 0, a file that
# does not compile 0 with its errors, and a changed points table is named.
source "$(dirname "$0")/bundle-lib.sh"      # cd to the tree, lib.sh, $root, $tmp
for lab in "$@"; do
    section "classroom50: autograders/$lab"
    b=dist/classroom50/autograders/$lab
    rm -rf "$b"
    mkdir -p "$b"
    bundle_tree "$lab" "$tmp/$lab" || { fail "$lab: cannot stage the tree"; continue; }
    tar -C "$tmp/$lab" -czf "$b/coro-labs.tar.gz" coro-labs
    cp "$tmp/$lab/pins.sha256" "$b/"
    cp grader/platforms/autograder.py "$b/"
    echo "$lab" >"$b/LAB"
    lab_var "$lab" student >"$b/FILES"
    pass "$b written ($(du -k "$b/coro-labs.tar.gz" | cut -f1) KiB; pins: $(wc -l <"$b/pins.sha256") files)"
    tar -tzf "$b/coro-labs.tar.gz" | grep -q '^coro-labs/solutions/' &&
        fail "$lab: the bundle holds solutions/"
    first=$(lab_var "$lab" student | awk '{ print $1 }')
    for who in reference skeleton broken; do
        repo=$tmp/repo-$lab-$who
        mkdir -p "$repo/$lab/tests"
        case $who in
            reference) for f in $(lab_var "$lab" student); do cp "solutions/$lab/$f" "$repo/$lab/"; done
                       sed 's/^\(test  *[^ ]*  *\)[0-9.]*$/\11000/' "$lab/lab.mk" >"$repo/$lab/lab.mk";;
            skeleton)  for f in $(lab_var "$lab" student); do cp "$lab/$f" "$repo/$lab/"; done;;
            broken)    echo "this is not C;" >"$repo/$lab/$first";;
        esac
        (cd "$repo" && CORO_LABS_WORK=$tmp/work-$lab CLASSROOM=cs-coro ASSIGNMENT=$lab \
            USERNAME=alice OWNER=alice SUBMISSION_TAG=submit/2026-12-01T10-00-00Z-abc1234 \
            GITHUB_OUTPUT=$repo/out python3 "$root/$b/autograder.py" >"$repo/log" 2>&1)
        status=$?
        r=$repo/result.json
        if [ $status != 0 ] || [ ! -s "$r" ]; then
            fail "$lab/$who: autograder.py failed ($status)" "$(tail -20 "$repo/log")"
            continue
        fi
        check=$(python3 - "$r" "$who" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); who = sys.argv[2]
keys = {"schema", "classroom", "assignment", "assignment_type", "owner", "submission", "commit",
        "release", "review", "datetime", "score", "max-score", "tests"}
assert set(d) == keys, "keys: %s" % sorted(set(d) ^ keys)
assert d["schema"] == "classroom50/result/v1" and d["submission"].startswith("submit/")
assert all(set(t) >= {"test-name", "passed", "score", "max-score"} for t in d["tests"])
assert sum(t["score"] for t in d["tests"]) == d["score"] and d["max-score"] >= 100
want = d["max-score"] if who == "reference" else 0
assert d["score"] == want, "score %s, expected %s" % (d["score"], want)
print("%g / %g" % (d["score"], d["max-score"]))
PY
        ) && pass "$lab/$who: result.json to the contract, $check" ||
            fail "$lab/$who: result.json" "$check $(head -c 600 "$r")"
        case $who in
            reference) grep -q "your copy of $lab/lab.mk differs" "$repo/release-body.md" &&
                pass "$lab: a student's changed points table is named, and does not count" ||
                fail "$lab: a changed points table is not named" "$(cat "$repo/release-body.md")";;
            broken) grep -q "compile error" "$repo/release-body.md" && grep -q "error:" "$repo/release-body.md" &&
                pass "$lab: a file that does not compile: 0 with its errors" ||
                fail "$lab: the broken file's errors are not shown" "$(head -30 "$repo/release-body.md")";;
        esac
    done
done
summary
