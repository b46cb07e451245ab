#!/usr/bin/env python3
"""pycheck.py LAB... - every Python line the project shows, run by CPython.

Two sources, each compared with what the project says it prints:

1. The handouts and hints (LAB/README.md, LAB/hints.md).  A fenced block
   tagged ```python is run as a program, in a fresh interpreter.  Its
   conventions, all in the Markdown itself:

     ```python                  the whole block is Python
     ```python split=N          only the left N columns are Python (the
                                right ones are its C twin, not run)
     ```python split=N:python   both columns are Python: left, then right
     <!-- pycheck before        just above the fence: code run first
     ...                        (what the prose around a fragment says:
     -->                        an import, the objects it uses); hidden
                                when the Markdown is rendered
     <!-- pycheck after         just below the block (or its output
     ...                        block): code run afterwards in the same
     -->                        program, e.g. an assert on what it did
     ```output                  just below the block: what it prints
                                (stdout and stderr; blanks ending a
                                line do not count); without one, the
                                block must only run cleanly

2. The playground (labs/play/play_LAB.c).  `play_LAB --claims` (built from
   the reference) prints, for every session its catalogue tries, the
   Python source, each Python line it shows and the answer it claims
   (labs/play/play.h); each session runs here, the answers are compared.

Prints one line per block or session ("ok ..." / "FAIL ..."), then
"N checked, N failed"; exits 1 if anything failed.  Needs only the
standard library.  Run by grader/scripts/test.sh.
"""
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
if not os.path.isabs(BUILD):
    BUILD = os.path.join(ROOT, BUILD)
TIMEOUT = 60

failures = []
checked = 0


def report(ok, what, detail=""):
    global checked
    checked += 1
    if ok:
        print(f"  ok    {what}")
    else:
        failures.append(what)
        print(f"  FAIL  {what}")
        for line in detail.rstrip("\n").split("\n")[:30]:
            print(f"        {line}")


# ---- 1. Markdown ---------------------------------------------------------

FENCE = re.compile(r"^```(\S*)\s*(.*)$")
HIDDEN = re.compile(r"^<!-- pycheck (before|after)\s*$")


def blocks(path):
    """Yield (line, info, code, output, before, after) per ```python block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    pending_before = None

    def hidden_at(j):
        """A <!-- pycheck ... --> comment starting at line j: (kind, code, next j)."""
        m = HIDDEN.match(lines[j]) if j < len(lines) else None
        if not m:
            return None
        k = j + 1
        while k < len(lines) and lines[k].strip() != "-->":
            k += 1
        return m.group(1), "\n".join(lines[j + 1:k]), k + 1

    def fenced_at(j):
        """A fenced block starting at line j: (lang, info, text, next j)."""
        m = FENCE.match(lines[j]) if j < len(lines) else None
        if not m or not m.group(1):
            return None
        k = j + 1
        while k < len(lines) and not lines[k].startswith("```"):
            k += 1
        return m.group(1), m.group(2), "\n".join(lines[j + 1:k]), k + 1

    while i < len(lines):
        h = hidden_at(i)
        if h and h[0] == "before":
            pending_before = h[1]
            i = h[2]
            continue
        f = fenced_at(i)
        if not f:
            if lines[i].strip():
                pending_before = None
            i += 1
            continue
        lang, info, text, j = f
        if lang != "python":
            pending_before = None
            i = j
            continue
        start = i + 1
        output = after = None
        o = fenced_at(j)
        if o and o[0] == "output":
            output, j = o[2], o[3]
        h = hidden_at(j)
        if h and h[0] == "after":
            after, j = h[1], h[2]
        yield start, info, text, output, pending_before, after
        pending_before = None
        i = j


def columns(text, info):
    """The Python of a block: all of it, or its columns (split=N[:python])."""
    m = re.search(r"split=(\d+)(:python)?", info)
    if not m:
        return text
    n = int(m.group(1))
    rows = text.split("\n")
    left = "\n".join(r[:n].rstrip() for r in rows)
    if not m.group(2):
        return left
    right = "\n".join(r[n:].rstrip() for r in rows)
    return left + "\n\n" + right


def run_program(code):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(code)
        name = f.name
    try:
        p = subprocess.run([sys.executable, name], capture_output=True, text=True,
                           timeout=TIMEOUT, cwd=ROOT)
        return p.returncode, p.stdout, p.stderr
    finally:
        os.unlink(name)


def trimmed(text):
    """Text as Markdown shows it: no trailing blanks, no final empty lines."""
    return "\n".join(line.rstrip() for line in text.rstrip().split("\n"))


def check_markdown(lab):
    for doc in ("README.md", "hints.md"):
        path = os.path.join(ROOT, lab, doc)
        if not os.path.exists(path):
            continue
        for line, info, text, output, before, after in blocks(path):
            code = "\n\n".join(c for c in (before, columns(text, info), after) if c)
            what = f"{lab}/{doc}:{line}: the Python block"
            rc, out, err = run_program(code + "\n")
            if rc != 0:
                report(False, what + " runs under CPython", err or out)
            elif output is not None and trimmed(out + err) != trimmed(output):
                report(False, what + " prints its ```output block",
                       "CPython printed:\n" + out + err + "\nthe handout says:\n" + output)
            else:
                report(True, what + (" prints its ```output block" if output is not None
                                     else " runs under CPython"))


# ---- 2. the playground's claims ------------------------------------------

def answer(expr, ns):
    """What the playground's claims say for one Python line (play.h)."""
    try:
        if re.match(r"^(for |[A-Za-z_]\w* = )", expr):
            exec(expr, ns)
            return ""
        return repr(eval(expr, ns))
    except StopIteration as e:
        return "StopIteration value=" + repr(e.value)
    except Exception as e:      # noqa: BLE001 - every exception is an answer
        return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def check_session(lab, claim):
    ns = {}
    exec(claim["source"], ns)
    for step in claim["steps"]:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            got = answer(step["python"], ns)
        if got != step["answer"] or buf.getvalue() != step["prints"]:
            return (f"{step['python']}\n  the playground says: {step['answer']!r}, prints "
                    f"{step['prints']!r}\n  CPython answers:     {got!r}, prints "
                    f"{buf.getvalue()!r}")
    return None


def check_playground(lab):
    if not os.path.exists(os.path.join(ROOT, "labs", "play", f"play_{lab}.c")):
        return
    prog = os.path.join(BUILD, "sol", "labs", f"play_{lab}")
    # make names the target as its BUILD spells it (relative or absolute)
    raw = os.environ.get("BUILD", "build")
    made = subprocess.run(["make", "-s", "--no-print-directory", f"BUILD={raw}",
                           os.path.join(raw, "sol", "labs", f"play_{lab}")], cwd=ROOT,
                          capture_output=True, text=True)
    if made.returncode != 0:
        report(False, f"{lab}: the playground builds", made.stdout + made.stderr)
        return
    p = subprocess.run([prog, "--claims"], capture_output=True, text=True, timeout=TIMEOUT,
                       cwd=ROOT)
    if p.returncode != 0:
        report(False, f"{lab}: play_{lab} --claims runs", p.stdout + p.stderr)
        return
    n = 0
    for row in p.stdout.splitlines():
        claim = json.loads(row)
        n += 1
        with contextlib.redirect_stderr(io.StringIO()):   # "Exception ignored": not claimed
            why = check_session(lab, claim)
        report(why is None, f"{lab} playground: {claim['kind']}: {claim['session'].strip()}",
               why or "")
    if n == 0 and "claims = " in open(os.path.join(ROOT, "labs", "play", f"play_{lab}.c")).read():
        report(False, f"{lab}: play_{lab} --claims claimed nothing")


def main(labs):
    for lab in labs:
        check_markdown(lab)
        check_playground(lab)
    print(f"{checked} checked, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
