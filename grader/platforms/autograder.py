#!/usr/bin/env python3
"""Classroom 50 autograder for one coro-labs lab (made by `make classroom50`).

Classroom 50 runs this file, autograders/<assignment>/autograder.py, once per
submission, in the student's repository checkout, and publishes the
result.json it writes (the classroom50/result/v1 contract of Classroom 50's
"Advanced Autograding" page: schema, classroom, assignment, assignment_type,
owner, submission, commit, release, review, datetime, score, max-score,
tests of {test-name, passed, score, max-score, message}).  It also writes
release-body.md (the table) and appends status and summary to
$GITHUB_OUTPUT.  Exit status 0 when the submission was graded, whatever the
score; 1 when the grader itself failed (the runner then reports an error).

Beside it: coro-labs.tar.gz, the instructor's tree for this lab (tests,
points, the earlier labs' references compiled), built here on first use,
and pins.sha256, checksums of the tests and points made by `make
classroom50`.  The student's files are taken from LAB/ or the top of the
repository; a student's copy of a pinned file that differs is named (the
instructor's copy is what grades).  CORO_LABS_WORK moves the build folder.
"""
import datetime
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
LAB = (HERE / "LAB").read_text().strip()


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_ready(work):
    """The instructor's tree, unpacked and built once per work folder."""
    tree = work / "coro-labs"
    if (tree / "bin" / "grader").exists():
        return tree
    with tarfile.open(HERE / "coro-labs.tar.gz") as tar:
        for m in tar.getmembers():
            if m.issym() or m.islnk() or m.name.startswith("/") or ".." in m.name.split("/"):
                raise RuntimeError("coro-labs.tar.gz holds an unsafe entry: " + m.name)
        tar.extractall(work)
    log = work / "build.log"
    env = dict(os.environ, BUILD="build", BIN="bin")   # the tree's own, whatever the caller's
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(k, None)
    with open(log, "w") as f:
        r = subprocess.run(["make", "--no-print-directory", "grader-ready"], cwd=tree,
                           stdout=f, stderr=subprocess.STDOUT, env=env)
    if r.returncode != 0:
        raise RuntimeError("the grader did not build:\n" + log.read_text()[-3000:])
    return tree


def main():
    repo = pathlib.Path.cwd()
    env = os.environ.get
    work = pathlib.Path(env("CORO_LABS_WORK") or tempfile.mkdtemp(prefix="coro-c50-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        tree = tree_ready(work)
    except Exception as e:                     # the grader itself failed
        print("autograder: " + str(e), file=sys.stderr)
        return 1
    notes = []
    for line in (HERE / "pins.sha256").read_text().splitlines():
        digest, rel = line.split(None, 1)
        mine = repo / rel.strip()
        if mine.is_file() and not mine.is_symlink() and sha256(mine) != digest:
            notes.append("your copy of %s differs from the instructor's: graded with the "
                         "instructor's" % rel.strip())
    sub = work / "submission"
    shutil.rmtree(sub, ignore_errors=True)
    sub.mkdir()
    for name in (HERE / "FILES").read_text().split():
        for src in (repo / LAB / name, repo / name):
            if src.is_file() and not src.is_symlink():
                shutil.copyfile(src, sub / name)
                break
    report = work / "report.json"
    cmd = [str(tree / "bin" / "grader"), "--root", str(tree), "--build", str(tree / "build"),
           "--lab", LAB, "--submission", str(sub)]
    r = subprocess.run(cmd + ["--format", "json", "--output", str(report)],
                       stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0,) or not report.exists():
        print("autograder: the grader failed (status %d): %s" % (r.returncode, r.stderr),
              file=sys.stderr)
        return 1
    text = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True).stdout
    rep = json.loads(report.read_text())
    tests = [{"test-name": t["name"], "passed": t["status"] == "passed",
              "score": t["score"], "max-score": t["max_score"],
              "message": t.get("output", "")} for t in rep["tests"]]
    owner = env("OWNER") or env("USERNAME") or "student"
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = {
        "schema": "classroom50/result/v1",
        "classroom": env("CLASSROOM", ""),
        "assignment": env("ASSIGNMENT") or LAB,
        "assignment_type": env("ASSIGNMENT_TYPE") or "individual",
        "owner": owner,
        "submission": env("SUBMISSION_TAG") or "submit/local",
        "commit": env("COMMIT_URL", ""),
        "release": env("RELEASE_URL", ""),
        "review": env("REVIEW_URL") or env("COMMIT_URL", ""),
        "datetime": now,
        "score": rep["score"],
        "max-score": rep["max_score"],
        "tests": tests,
    }
    pathlib.Path("result.json").write_text(json.dumps(result, indent=2) + "\n")
    summary = "%s: %g / %g points" % (LAB, rep["score"], rep["max_score"])
    body = ["### coro-labs autograde: %g/%g" % (rep["score"], rep["max_score"]), ""]
    body += ["- " + n for n in notes]
    body += ["", "```", text.rstrip(), "```", ""]
    pathlib.Path("release-body.md").write_text("\n".join(body))
    if env("GITHUB_OUTPUT"):
        with open(env("GITHUB_OUTPUT"), "a") as f:
            f.write("status=%s\n" % ("success" if rep["score"] == rep["max_score"] else "failure"))
            f.write("summary=%s\n" % (summary + ("; " + notes[0] if notes else "")).replace("\n", " "))
    print(text)
    for n in notes:
        print("autograder: " + n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
