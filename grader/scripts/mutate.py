#!/usr/bin/python3
"""mutate.py - how strong are a lab's tests?  (make mutate LAB=...)

Takes the reference solution of LAB, changes one thing in the code a
student writes (one operator, one constant or one statement at a time),
grades every such mutant with the project's own grader and lists the
mutants the tests let survive.  A test suite that kills a mutant would
also fail a student who made that mistake; a survivor is a mistake the
tests cannot see.

The code a student writes: every function of the reference whose body is
not the same, token for token, as in the lab's skeleton (given functions
are identical in both).  Code inside a macro invocation is not mutated.

The mutations, in source order, each one mutant:
  relational   <  <=  >  >=  ==  !=   to its neighbour (< to <=, == to !=, ...)
  arithmetic   + to -, - to +, * to /, / to *, % to *  (binary operators only)
  logical      && to ||, || to &&
  constant     an integer literal n to n + 1 and to n - 1
  statement    an expression statement (a call, an assignment) deleted
  condition    the condition of an if or a while negated

Not mutated: reports to the trace hook (co_trace calls, and an `if
(co_trace__fn)` with no else around them), which no contract asks a
student's code to make (the traced build wraps the loop's calls itself,
labs/trace/trace.h).

A mutant that does not compile is "stillborn" and does not count.  A
mutant listed in the lab's tests/README.md under "Equivalent mutants"
(one "- `FUNCTION: MUTATION | SOURCE LINE` reason" a line) behaves as the
reference does whatever a test does: it is counted apart, not as a survivor.

A mutant whose grading takes longer than a budget (6 times the
reference's, at least 60 s; --budget) has tests that hang: it counts as
killed, without waiting for each hanging test's own timeout.

Usage: mutate.py --lab LAB [-j N] [--sample N] [--quick] [--list] [--budget S]
                 [--match TEXT] [--exclude TEXT]
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import clang.cindex as ci
except ImportError:
    sys.exit("mutate: needs python3-clang (apt-get install -y python3-clang); "
             "run it with Debian's /usr/bin/python3")

K = ci.CursorKind

RELATIONAL = {'<': '<=', '<=': '<', '>': '>=', '>=': '>', '==': '!=', '!=': '=='}
ARITHMETIC = {'+': '-', '-': '+', '*': '/', '/': '*', '%': '*'}
LOGICAL = {'&&': '||', '||': '&&'}
EXPR_STMT = {K.CALL_EXPR, K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR,
             K.UNARY_OPERATOR}


def lab_var(root, lab, key):
    """The lab fact KEY, through the scripts' one reader (lib.sh lab_var)."""
    out = subprocess.run(['bash', '-c', '. grader/scripts/lib.sh; lab_var "$1" "$2"',
                          '_', lab, key], cwd=root, capture_output=True, text=True)
    return out.stdout.split()


def libclang():
    if not ci.Config.loaded:
        for d in ('/usr/lib/llvm-14/lib', '/usr/lib/x86_64-linux-gnu'):
            for n in ('libclang.so', 'libclang-14.so.1'):
                if os.path.exists(os.path.join(d, n)):
                    ci.Config.set_library_file(os.path.join(d, n))
                    return


def parse(path, includes):
    args = ['-std=c11', '-D_POSIX_C_SOURCE=200809L', '-D_DEFAULT_SOURCE']
    args += ['-I' + i for i in includes]
    opts = ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD
    return ci.Index.create().parse(path, args=args, options=opts)


def in_file(c, path):
    f = c.extent.start.file
    return f is not None and os.path.samefile(f.name, path)


def functions(tu, path):
    """{name: (start, end, body_text_tokens)} of the function definitions in path."""
    out = {}
    for c in tu.cursor.get_children():
        if c.kind == K.FUNCTION_DECL and c.is_definition() and in_file(c, path):
            body = [x for x in c.get_children() if x.kind == K.COMPOUND_STMT]
            if body:
                toks = [t.spelling for t in body[0].get_tokens()]
                out[c.spelling] = (c, body[0], toks)
    return out


class Mutant:
    def __init__(self, file, src, start, end, repl, func, what):
        self.file, self.start, self.end, self.repl = file, start, end, repl
        self.func, self.what = func, what
        self.line = src.count('\n', 0, start) + 1
        b = src.rfind('\n', 0, start) + 1
        e = src.find('\n', start)
        self.text = ' '.join(src[b:e].split())
        self.status = None

    def key(self):
        return '%s: %s | %s' % (self.func, self.what, self.text)

    def where(self):
        return '%s:%d' % (self.file, self.line)


def mutants_of(root, lab, fname, includes):
    ref = os.path.join(root, 'solutions', lab, fname)
    skel = os.path.join(root, lab, fname)
    with open(ref) as f:
        src = f.read()
    tu = parse(ref, includes)
    errs = [d for d in tu.diagnostics if d.severity >= ci.Diagnostic.Error]
    if errs:
        sys.exit('mutate: cannot parse %s: %s' % (ref, errs[0]))
    given = {}
    if os.path.exists(skel):
        given = {n: t for n, (_, _, t) in functions(parse(skel, includes), skel).items()}
    tu_funcs = functions(tu, ref)
    # Byte ranges of macro invocations: nothing inside them is mutated.
    macros = [(c.extent.start.offset, c.extent.end.offset)
              for c in tu.cursor.get_children()
              if c.kind == K.MACRO_INSTANTIATION and in_file(c, ref)]

    def in_macro(a, b):
        return any(s < b and a < e for s, e in macros)

    out = []

    def add(start, end, repl, func, what):
        if not in_macro(start, end):
            out.append(Mutant(fname, src, start, end, repl, func, what))

    for name, (fn, body, toks) in tu_funcs.items():
        if given.get(name) == toks:
            continue                        # given code: identical to the skeleton

        def token_after(offset, cursor):
            for t in cursor.get_tokens():
                if t.extent.start.offset >= offset:
                    return t
            return None

        def walk(c, parent):
            k = c.kind
            if not in_file(c, ref):
                return
            kids = list(c.get_children())
            if is_trace_report(c, kids):
                return
            if k == K.BINARY_OPERATOR and len(kids) == 2:
                t = token_after(kids[0].extent.end.offset, c)
                if t is not None and t.extent.end.offset <= kids[1].extent.start.offset:
                    op = t.spelling
                    s, e = t.extent.start.offset, t.extent.end.offset
                    for table in (RELATIONAL, ARITHMETIC, LOGICAL):
                        if op in table:
                            add(s, e, table[op], name, "'%s' -> '%s'" % (op, table[op]))
            elif k == K.INTEGER_LITERAL:
                ts = list(c.get_tokens())
                if len(ts) == 1 and re.fullmatch(r'\d+', ts[0].spelling):
                    n = int(ts[0].spelling)
                    s, e = ts[0].extent.start.offset, ts[0].extent.end.offset
                    add(s, e, str(n + 1), name, '%d -> %d' % (n, n + 1))
                    if n > 0:
                        add(s, e, str(n - 1), name, '%d -> %d' % (n, n - 1))
            if parent is not None and parent.kind in (K.COMPOUND_STMT, K.IF_STMT,
                                                      K.WHILE_STMT, K.FOR_STMT, K.DO_STMT):
                first = next(iter(parent.get_children()), None)
                is_cond = (parent.kind in (K.IF_STMT, K.WHILE_STMT)
                           and first is not None and first == c)
                if k in EXPR_STMT and not is_cond and parent.kind != K.FOR_STMT:
                    if k != K.BINARY_OPERATOR or is_assignment(c, kids):
                        s, e = c.extent.start.offset, c.extent.end.offset
                        add(s, e, '(void)0', name, 'delete: ' + ' '.join(src[s:e].split()))
            if k in (K.IF_STMT, K.WHILE_STMT) and kids and not is_equality(kids[0]):
                cond = kids[0]
                s, e = cond.extent.start.offset, cond.extent.end.offset
                add(s, e, '!(' + src[s:e] + ')', name, 'negate: ' + ' '.join(src[s:e].split()))
            for x in kids:
                walk(x, c)

        def is_trace_report(c, kids):
            # a report to the trace hook, or the `if (co_trace__fn)` around it:
            # the contract asks no student code to report (labs/trace/trace.h)
            if c.kind == K.CALL_EXPR and c.spelling in ('co_trace', 'co_trace_of'):
                return True
            if c.kind == K.IF_STMT and kids and len(kids) == 2:
                return any(t.spelling == 'co_trace__fn' for t in kids[0].get_tokens())
            return False

        def is_equality(c):
            # negating a == b is the mutant a != b, already in the list
            while c.kind == K.PAREN_EXPR or c.kind == K.UNEXPOSED_EXPR:
                c = next(iter(c.get_children()))
            kids = list(c.get_children())
            if c.kind != K.BINARY_OPERATOR or len(kids) != 2:
                return False
            t = token_after(kids[0].extent.end.offset, c)
            return t is not None and t.spelling in ('==', '!=')

        def is_assignment(c, kids):
            t = token_after(kids[0].extent.end.offset, c) if len(kids) == 2 else None
            return t is not None and t.spelling == '='

        walk(body, None)
    # Deterministic order: by position, then by what.
    uniq = {}
    for m in out:
        uniq.setdefault((m.start, m.end, m.repl), m)
    ms = sorted(uniq.values(), key=lambda m: (m.start, m.end, m.repl))
    seen = {}
    for m in ms:                # the same mutation twice on one line: #2, #3...
        k = m.key()
        seen[k] = seen.get(k, 0) + 1
        if seen[k] > 1:
            m.what += ' #%d' % seen[k]
    return ms


def equivalents(root, lab):
    """Keys listed under '## Equivalent mutants' in LAB/tests/README.md."""
    path = os.path.join(root, lab, 'tests', 'README.md')
    keys = {}
    if not os.path.exists(path):
        return keys
    inside = False
    with open(path) as f:
        for line in f:
            if line.startswith('#'):
                inside = line.lower().lstrip('#').strip().startswith('equivalent mutants')
                continue
            m = re.match(r'\s*-\s*`([^`]+)`\s*(.*)', line)
            if inside and m:
                keys[' '.join(m.group(1).split())] = m.group(2).strip()
    return keys


def grade(root, grader, lab, files, m, work, cpu, timeout, budget=None):
    """Grade mutant m: (status, detail).  budget: seconds for the whole
    grading; past it the mutant counts as killed (its tests hang: the
    grader would fail each hanging test at its own timeout, one after
    another, which can take many minutes for one mutant)."""
    d = tempfile.mkdtemp(prefix='mutant.', dir=work)
    for f in files:
        shutil.copy(os.path.join(root, 'solutions', lab, f), d)
    with open(os.path.join(root, 'solutions', lab, m.file)) as f:
        src = f.read()
    with open(os.path.join(d, m.file), 'w') as f:
        f.write(src[:m.start] + m.repl + src[m.end:])
    cmd = [grader, '--lab', lab, '--submission', d, '--format', 'json', '--jobs', '1',
           '--cpu', str(cpu), '--timeout', str(timeout), '--root', root]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=budget)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)                 # the grader and its test processes
        p.communicate()
        shutil.rmtree(d, ignore_errors=True)
        return 'killed', 'its tests ran past %.0f s (hangs)' % budget
    r = subprocess.CompletedProcess(cmd, p.returncode, out, err)
    shutil.rmtree(d, ignore_errors=True)
    try:
        j = json.loads(r.stdout)
    except ValueError:
        return 'error', r.stderr.strip()[:200]
    labs = j.get('labs') or [{}]
    if labs[0].get('problems') or labs[0].get('grader_error') or not labs[0].get('submitted', True):
        # the grader did not run the tests: the mutant did not build
        failed = [t for t in j.get('tests', []) if t.get('status') != 'passed']
        if not j.get('tests') or len(failed) == len(j.get('tests', [])):
            return 'stillborn', '; '.join(str(p) for p in labs[0].get('problems', []))[:200]
    if j.get('score') == j.get('max_score'):
        return 'survived', ''
    killers = [t['name'] for t in j.get('tests', []) if t.get('status') != 'passed']
    return 'killed', killers[0] if killers else ''


def main():
    ap = argparse.ArgumentParser(description='mutation check of a lab\'s tests')
    ap.add_argument('--lab', required=True)
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--sample', type=int, default=0,
                    help='grade only N mutants, evenly spread over the list')
    ap.add_argument('--quick', action='store_true', help='same as --sample 12')
    ap.add_argument('--list', action='store_true', help='list the mutants, grade none')
    ap.add_argument('--root', default=os.getcwd())
    ap.add_argument('--grader', default=None)
    ap.add_argument('--cpu', type=int, default=10, help='CPU seconds per test (grader --cpu)')
    ap.add_argument('--timeout', type=int, default=60,
                    help='grader --timeout: wall-clock seconds for one mutant\'s tests')
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='print every mutant as it is graded, with the test that killed it')
    ap.add_argument('--budget', type=float, default=0,
                    help='seconds for grading one mutant; past it, it counts as killed '
                         '(default: 6 times the reference\'s grading, at least 60)')
    ap.add_argument('--exclude', action='append', default=[],
                    help='leave out the mutants whose line contains this text (repeatable)')
    ap.add_argument('--match', action='append', default=[],
                    help='grade only the mutants whose line (as listed) contains this '
                         'text (repeatable: any of them)')
    ap.add_argument('--min', type=float, default=0,
                    help='exit 1 when the score is below this percentage')
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    lab = a.lab.rstrip('/')
    grader = a.grader or os.path.join(root, os.environ.get('BIN', 'bin'), 'grader')
    files = lab_var(root, lab, 'student')
    if not files:
        sys.exit('mutate: %s is not a lab (no student files in its facts)' % lab)
    libclang()
    includes = [os.path.join(root, 'common')] + \
        [os.path.join(root, d) for d in sorted(os.listdir(root))
         if d.startswith('lab0') and os.path.isdir(os.path.join(root, d))]
    ms = []
    for f in files:
        ms += mutants_of(root, lab, f, includes)
    total = len(ms)
    if a.quick and not a.sample:
        a.sample = 12
    if a.sample and a.sample < total:
        ms = [ms[(i * total) // a.sample] for i in range(a.sample)]
    if a.match:
        ms = [m for m in ms if any(t in '%s %s' % (m.where(), m.key()) for t in a.match)]
    if a.exclude:
        ms = [m for m in ms if not any(t in '%s %s' % (m.where(), m.key()) for t in a.exclude)]
    if a.list:
        for m in ms:
            print('%-22s %s' % (m.where(), m.key()))
        print('%d mutants' % len(ms))
        return 0
    eq = equivalents(root, lab)      # read again at the end
    print('%s: grading %d of %d mutants of %s with %d jobs...'
          % (lab, len(ms), total, ' '.join(files), a.jobs), flush=True)
    t0 = time.time()
    work = tempfile.mkdtemp(prefix='mutate.')
    # The control: the reference itself, under the same limits, must get full
    # marks, or every mutant would look killed.
    control = Mutant(files[0], '', 0, 0, '', '(none)', 'the reference itself')
    t_ref = time.time()
    status, detail = grade(root, grader, lab, files, control, work, a.cpu, a.timeout)
    t_ref = time.time() - t_ref
    # a mutant's grading may take a few times the reference's, not more
    budget = a.budget or max(60.0, 6 * t_ref)
    if status != 'survived':
        shutil.rmtree(work, ignore_errors=True)
        sys.exit('mutate: the unmutated reference does not get full marks with these limits '
                 '(--cpu %d --timeout %d): %s %s' % (a.cpu, a.timeout, status, detail))
    done = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
            futs = {ex.submit(grade, root, grader, lab, files, m, work, a.cpu, a.timeout,
                              budget): m
                    for m in ms}
            for fu in concurrent.futures.as_completed(futs):
                m = futs[fu]
                m.status, m.detail = fu.result()
                done += 1
                if m.status == 'survived' and m.key() not in eq:
                    print('  survived: %-22s %s' % (m.where(), m.key()), flush=True)
                elif a.verbose:
                    print('  %s: %-22s %s%s' % (m.status, m.where(), m.key(),
                                                ' (' + m.detail + ')' if m.detail else ''),
                          flush=True)
                if sys.stderr.isatty():
                    sys.stderr.write('\r  %d / %d' % (done, len(ms)))
                    sys.stderr.flush()
                elif done % 25 == 0:
                    print('  ... %d / %d graded, %.0f s' % (done, len(ms), time.time() - t0),
                          flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if sys.stderr.isatty():
        sys.stderr.write('\r')
    secs = time.time() - t0
    # the list as it is now: an instructor may write it while a long run goes
    eq = equivalents(root, lab)
    stale = ([k for k in eq if k not in {m.key() for m in ms}]
             if not (a.sample or a.match or a.exclude) else [])
    count = {s: 0 for s in ('killed', 'survived', 'equivalent', 'stillborn', 'error')}
    survivors = []
    for m in ms:
        if m.status == 'survived' and m.key() in eq:
            m.status = 'equivalent'
        count[m.status] += 1
        if m.status == 'survived':
            survivors.append(m)
    for m in ms:
        if m.status == 'error':
            print('  grader error on %s %s: %s' % (m.where(), m.key(), m.detail))
    hung_ms = [m for m in ms if m.status == 'killed' and 'ran past' in (m.detail or '')]
    if hung_ms:
        print('Killed by the time budget only (%.0f s: their tests hang, or ran slowly under '
              'load; --match one with a larger --budget to be sure):' % budget)
        for m in hung_ms:
            print('  %-22s %s' % (m.where(), m.key()))
    if survivors:
        print('Survivors (a mistake no test sees), in source order:')
        for m in survivors:
            print('  %-22s %s' % (m.where(), m.key()))
    for k in stale:                  # (only a whole run can tell that one matches none)
        print('  note: equivalent mutant listed in %s/tests/README.md matches no mutant: %s'
              % (lab, k))
    scored = count['killed'] + count['survived']
    pct = 100.0 * count['killed'] / scored if scored else 100.0
    hung = len(hung_ms)
    print('%s: %d killed%s, %d survived, %d equivalent, %d stillborn (did not compile)%s'
          % (lab, count['killed'],
             ' (%d of them hung past the budget of %.0f s)' % (hung, budget) if hung else '',
             count['survived'], count['equivalent'], count['stillborn'],
             ', %d grader errors' % count['error'] if count['error'] else ''))
    print('%s: kill score %.1f%% (%d / %d)%s in %.0f s with -j %d'
          % (lab, pct, count['killed'], scored,
             ', sample of %d of %d' % (len(ms), total) if len(ms) < total else '',
             secs, a.jobs))
    if count['error']:
        return 2
    return 1 if pct < a.min else 0


if __name__ == '__main__':
    sys.exit(main())
