#!/usr/bin/env python3
"""commands.py [LAB=EXAMPLE ...] -- README...: the shell commands the READMEs print.

For `make handout` (grader/scripts/handout.sh), which runs each of them
in a copy of the handout where every handed-out lab is done.  A command
is a line of a fenced block, an indented `$ ` line or an inline code span
that starts with make, bin/, build/, `bash grader/` or `python3 `.  Each
is printed on a line of its own, as it is to be run from the handout's
root:
  - comments (`# ...`, or a parenthesis after two spaces) are dropped,
    and `A && B` is two commands;
  - a placeholder is filled in: LAB/NAME with LAB's first example (the
    LAB=EXAMPLE arguments), an optional `[arg]` left out;
  - a size of 100000 or more is run as 1000 (the million-task programs:
    that they run is the point here, their speed is `make bench`'s).
What the handout check runs anyway (make, make build, make test, make
grade), a debugger's line, and what never ends by itself (`make bench`
compares with CPython for minutes, `labs watch` waits for saves) are
printed on standard error as "not run: COMMAND (why)".
"""
import re
import sys

STARTS = ("make", "bin/", "build/", "bash grader/", "python3 ")
CHECKED = {"make", "make build", "make test", "make grade"}
NEVER = {"make bench": "CPython and uvloop side by side, minutes: `make bench` itself",
         "bin/labs watch": "it waits for saves until Ctrl-C"}


def candidates(text):
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            yield line.strip()
        elif re.match(r"^ {4}\$ ", line):
            yield line.strip()[2:]
        else:
            yield from re.findall(r"`([^`\n]+)`", line)


def normalise(cmd, examples):
    cmd = re.sub(r"\s+#.*$", "", cmd)
    cmd = re.sub(r"\s{2,}\(.*\)\s*$", "", cmd).strip()
    for part in cmd.split("&&"):
        part = part.strip()
        if part.startswith("$ "):
            part = part[2:]
        if not part.startswith(STARTS):
            continue
        words = []
        for w in part.split():
            if re.fullmatch(r"\[[^]]*\]", w):
                continue
            m = re.fullmatch(r"(lab0\d_\w+)/NAME", w)
            if m and m.group(1) in examples:
                w = m.group(1) + "/" + examples[m.group(1)]
            if re.fullmatch(r"\d{6,}", w):
                w = "1000"
            words.append(w)
        yield " ".join(words)


def main(argv):
    examples, files = {}, []
    args = iter(argv)
    for a in args:
        if a == "--":
            files = list(args)
            break
        lab, _, ex = a.partition("=")
        examples[lab] = ex
    seen = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for c in candidates(fh.read()):
                for cmd in normalise(c, examples):
                    if cmd not in seen:
                        seen.append(cmd)
    for cmd in seen:
        never = next((w for p, w in NEVER.items() if cmd == p or cmd.startswith(p + " ")), None)
        if cmd in CHECKED:
            continue
        if cmd.startswith("CK_FORK=") or " gdb " in cmd or never or re.search(r"\b[A-Z]{3,}\b", cmd):
            why = never or ("a debugger" if "gdb" in cmd else "a placeholder")
            print("not run: %s (%s)" % (cmd, why), file=sys.stderr)
            continue
        print(cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
