# grade_check.py - the static checks that need a real C front end (libclang,
# through Debian's python3-clang), run by grade_check.c as the sandbox user:
#
#     /usr/bin/python3 -c "$(cat grade_check.py)" FILE OWN... -- CFLAGS...
#
# FILE is one student file, in the fresh build folder that grade_check.c
# has already vetted (nothing but pristine headers and the submission:
# the preprocessor sees exactly what the compiler sees, with the same
# CFLAGS); OWN are the base names of the student's files (only code in
# them is judged: headers are ours).  Locations are the files' own, not
# what #line says (a #line directive is refused: it would disguise
# where code comes from).
# Prints one line per refusal, "file:line: what it does: why", and exits 0;
# exits 2 (with the reason on stderr) when the file could not be parsed.
#
# What is refused is what no lab needs and what turns data into code, code
# into data, or walks from a library object into the library:
#   - conversions, explicit or implicit, between a function pointer (or a
#     function) and a data pointer or an integer, either way (a null
#     pointer constant excepted);
#   - a union that holds a function pointer (it converts without a cast);
#   - byte copies (memcpy, memmove, ...) to or from a function pointer, or
#     an object that holds one;
#   - inline assembly in every spelling, the builtins that read or rewrite
#     the call stack, setjmp/longjmp in every spelling;
#   - from a library object (stdout, stderr, stdin, errno, environ...):
#     its address, arithmetic or subscripts on it, reading its members,
#     converting it to another type;
#   - constructors, destructors, ifuncs, aliases and sections by attribute,
#     and registering code to run later (atexit, on_exit, signal, ...).
import sys

try:
    from clang import cindex
    from clang.cindex import CursorKind as K, TypeKind as T
except ImportError as e:
    sys.stderr.write("grade_check.py: python3-clang is missing: %s\n" % e)
    sys.exit(2)

STACK_BUILTINS = {
    "__builtin_frame_address", "__builtin_return_address", "__builtin_extract_return_addr",
    "__builtin_frob_return_addr", "__builtin_eh_return", "__builtin_unwind_init",
    "__builtin_apply", "__builtin_apply_args", "__builtin_dwarf_cfa",
}
JUMPS = {"setjmp", "_setjmp", "__setjmp", "sigsetjmp", "__sigsetjmp", "longjmp", "_longjmp",
         "siglongjmp", "__longjmp_chk", "__builtin_setjmp", "__builtin_longjmp"}
LATER = {"atexit", "at_quick_exit", "on_exit", "__cxa_atexit", "pthread_atfork", "signal",
         "sigaction", "sigset", "bsd_signal", "sysv_signal"}
# Copies of bytes from a source to a destination (argument order: the
# destination first but for bcopy).  memset is not one: a repeated byte
# makes no address worth calling, and clearing a struct is everyday C.
BYTE_COPIES = {"memcpy", "memmove", "memccpy", "mempcpy", "bcopy", "strcpy", "strncpy",
               "stpcpy", "strcat", "strncat", "__builtin_memcpy", "__builtin_memmove",
               "__memcpy_chk", "__memmove_chk", "__builtin___memcpy_chk",
               "__builtin___memmove_chk"}
BAD_ATTRS = {"constructor", "__constructor__", "destructor", "__destructor__", "ifunc",
             "__ifunc__", "alias", "__alias__", "weakref", "__weakref__", "section",
             "__section__", "naked", "__naked__"}
ASM_WORDS = {"asm", "__asm", "__asm__"}

problems = []


def refuse(node, what, why):
    loc = node.location if hasattr(node, "location") else node
    line = "%s:%d: %s: %s" % (loc.file.name if loc.file else "?", loc.line, what, why)
    if line not in problems:
        problems.append(line)


def canon(t):
    t = t.get_canonical()
    while t.kind == T.ELABORATED:
        t = t.get_named_type().get_canonical()
    return t


def is_function(t):
    return canon(t).kind in (T.FUNCTIONPROTO, T.FUNCTIONNOPROTO)


def is_fnptr(t):
    t = canon(t)
    return t.kind == T.POINTER and is_function(t.get_pointee())


def holds_fnptr(t, seen=None):
    """t is a function pointer, or an aggregate or array that holds one."""
    t = canon(t)
    seen = seen or set()
    if is_fnptr(t):
        return True
    if t.kind in (T.CONSTANTARRAY, T.INCOMPLETEARRAY, T.VARIABLEARRAY):
        return holds_fnptr(t.element_type, seen)
    if t.kind == T.RECORD:
        decl = t.get_declaration()
        key = decl.hash
        if key in seen:
            return False
        seen.add(key)
        return any(holds_fnptr(f.type, seen) for f in decl.get_children()
                   if f.kind == K.FIELD_DECL)
    return False


def is_data_or_int(t):
    t = canon(t)
    if t.kind == T.POINTER:
        return not is_function(t.get_pointee())
    return t.kind in (T.BOOL, T.CHAR_U, T.UCHAR, T.CHAR16, T.CHAR32, T.USHORT, T.UINT, T.ULONG,
                      T.ULONGLONG, T.UINT128, T.CHAR_S, T.SCHAR, T.WCHAR, T.SHORT, T.INT,
                      T.LONG, T.LONGLONG, T.INT128, T.ENUM)


def strip(node):
    """The expression under parentheses and implicit casts."""
    while node.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR):
        kids = list(node.get_children())
        if len(kids) != 1:
            break
        node = kids[0]
    return node


def _evaluator():
    import ctypes
    lib = cindex.conf.lib
    lib.clang_Cursor_Evaluate.argtypes = [cindex.Cursor]
    lib.clang_Cursor_Evaluate.restype = ctypes.c_void_p
    lib.clang_EvalResult_getKind.argtypes = [ctypes.c_void_p]
    lib.clang_EvalResult_getKind.restype = ctypes.c_int
    lib.clang_EvalResult_getAsLongLong.argtypes = [ctypes.c_void_p]
    lib.clang_EvalResult_getAsLongLong.restype = ctypes.c_longlong
    lib.clang_EvalResult_dispose.argtypes = [ctypes.c_void_p]
    return lib


def integer_value(node):
    """The value of an integer literal (by the front end: its tokens may be
    a macro's, NULL's), or None."""
    global _lib
    if node.kind != K.INTEGER_LITERAL:
        return None
    if _lib is None:
        _lib = _evaluator()
    r = _lib.clang_Cursor_Evaluate(node)
    if not r:
        return None
    try:
        return _lib.clang_EvalResult_getAsLongLong(r) if _lib.clang_EvalResult_getKind(r) == 1 \
            else None
    finally:
        _lib.clang_EvalResult_dispose(r)


_lib = None


def is_null_constant(node):
    """0, or 0 cast to void * (NULL), under parentheses."""
    node = strip(node)
    if node.kind == K.CSTYLE_CAST_EXPR:
        t = canon(node.type)
        kids = list(node.get_children())
        if t.kind == T.POINTER and canon(t.get_pointee()).kind == T.VOID and kids:
            return is_null_constant(kids[-1])
        return False
    return integer_value(node) == 0


def from_system(decl):
    """decl is declared in a system header (not the student's, not a lab's)."""
    loc = decl.location
    return loc.file is not None and loc.file.name.startswith("/usr/")


def library_object(node):
    """node (stripped) names a library variable, or is __errno_location()."""
    node = strip(node)
    if node.kind == K.DECL_REF_EXPR:
        d = node.referenced
        return d is not None and d.kind == K.VAR_DECL and from_system(d)
    if node.kind == K.CALL_EXPR and node.spelling in ("__errno_location", "__h_errno_location"):
        return True
    if node.kind == K.UNARY_OPERATOR:
        kids = list(node.get_children())
        if kids and unary_op(node, kids[0]) == "*":
            return library_object(kids[0])
    return False


def is_library_pointer(node):
    """A pointer value that comes straight from a library object: stdout,
    &errno (after the preprocessor: __errno_location())."""
    node = strip(node)
    if canon(node.type).kind != T.POINTER:
        return False
    if node.kind == K.DECL_REF_EXPR:
        return library_object(node)
    if node.kind == K.CALL_EXPR:
        return node.spelling in ("__errno_location", "__h_errno_location")
    return False


def unary_op(node, kid):
    """"&", "*", "++" (either side, or --), or "" for the others.  By the
    types, as the tokens may be those of a macro (errno)."""
    to, frm = canon(node.type), canon(kid.type)
    if to.kind == T.POINTER and canon(to.get_pointee()).spelling == frm.spelling:
        return "&"
    if frm.kind == T.POINTER and canon(frm.get_pointee()).spelling == to.spelling:
        return "*"
    toks = [t.spelling for t in node.get_tokens()]
    if toks and (toks[0] in ("++", "--") or toks[-1] in ("++", "--")):
        return "++"
    return ""


def is_integer(t):
    return is_data_or_int(t) and canon(t).kind != T.POINTER


def pointer_arithmetic(node, kids):
    """node is pointer + integer, pointer - integer, p += n, p -= n."""
    return len(kids) == 2 and canon(node.type).kind == T.POINTER and \
        any(canon(c.type).kind == T.POINTER for c in kids) and \
        any(is_integer(c.type) for c in kids)


def check_conversion(node, kids, explicit):
    if not kids:
        return
    src = kids[-1]
    to, frm = node.type, src.type
    if is_fnptr(to) and (is_data_or_int(frm) and not is_fnptr(frm)):
        if not is_null_constant(src):
            refuse(node, "converts data or an integer to a function pointer",
                   "that turns data into something callable: not allowed")
    elif (is_fnptr(frm) or is_function(frm)) and is_data_or_int(to) and not is_fnptr(to):
        if canon(to).kind != T.BOOL:
            refuse(node, "converts a function (pointer) to a data pointer or an integer",
                   "that reads code as data: not allowed")
    if canon(to).kind == T.POINTER and is_fnptr(canon(to).get_pointee()) and \
            canon(frm).kind == T.POINTER and not is_fnptr(canon(frm).get_pointee()) and \
            not holds_fnptr(canon(frm).get_pointee()) and not is_null_constant(src) and \
            canon(frm).get_pointee().kind != T.VOID:
        refuse(node, "converts a data pointer to a pointer to a function pointer",
               "that lets data be read as something callable: not allowed")
    if canon(frm).kind == T.POINTER and is_fnptr(canon(frm).get_pointee()) and \
            canon(to).kind == T.POINTER and not is_fnptr(canon(to).get_pointee()):
        refuse(node, "converts a pointer to a function pointer to another pointer type",
               "that lets a function pointer be written as bytes: not allowed")
    if is_library_pointer(src) and canon(to).spelling != canon(frm).spelling:
        refuse(node, "converts a pointer to a library object to another type",
               "that reaches into the C library's memory: not allowed")


PTRISH = (T.POINTER, T.FUNCTIONPROTO, T.FUNCTIONNOPROTO)


def visit(node):
    """Judge node (in one of the student's files) and everything under it."""
    kids = list(node.get_children())
    k = node.kind
    if k == K.UNEXPOSED_EXPR:            # implicit conversions, mostly
        if len(kids) == 1 and (canon(node.type).kind in PTRISH or
                               canon(kids[0].type).kind in PTRISH):
            check_conversion(node, kids, False)
    elif k == K.CSTYLE_CAST_EXPR:
        check_conversion(node, kids, True)
    elif k == K.CALL_EXPR:
        name = node.spelling
        if name in STACK_BUILTINS:
            refuse(node, "uses %s" % name, "reads or rewrites the call stack: not allowed")
        elif name in JUMPS:
            refuse(node, "uses %s" % name, "jumps across functions: not allowed")
        elif name in LATER:
            refuse(node, "calls %s" % name, "registers code to run outside the tests: not allowed")
        elif name in BYTE_COPIES and len(kids) >= 3:
            # Refused when one side holds a function pointer and the other
            # does not: bytes become callable, or code addresses data.  A
            # copy between two objects of function-holding types is a copy.
            def holds(a):
                t = canon(strip(a).type)
                return is_function(t) or is_fnptr(t) or \
                    (t.kind == T.POINTER and holds_fnptr(t.get_pointee()))
            if holds(kids[1]) != holds(kids[2]):
                refuse(node, "copies bytes between a function pointer and data (%s)" % name,
                       "that turns data into something callable, or code into data: "
                       "not allowed")
    elif k == K.UNARY_OPERATOR and kids:
        op = unary_op(node, kids[0])
        if op == "&" and kids and library_object(kids[0]):
            refuse(node, "takes the address of a library object",
                   "that reaches into the C library's memory: not allowed")
        elif op in ("++", "--") and kids and is_library_pointer(kids[0]):
            refuse(node, "does arithmetic on a pointer to a library object",
                   "that reaches into the C library's memory: not allowed")
    elif k in (K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR):
        if pointer_arithmetic(node, kids) and any(is_library_pointer(c) for c in kids):
            refuse(node, "does arithmetic on a pointer to a library object",
                   "that reaches into the C library's memory: not allowed")
    elif k == K.ARRAY_SUBSCRIPT_EXPR:
        if any(is_library_pointer(c) for c in kids):
            refuse(node, "indexes a pointer to a library object",
                   "that reaches into the C library's memory: not allowed")
    elif k == K.MEMBER_REF_EXPR:
        if kids:
            base = strip(kids[0])
            t = canon(base.type)
            if library_object(base) or \
                    (t.kind == T.POINTER and canon(t.get_pointee()).spelling == "struct _IO_FILE"):
                refuse(node, "reads a member of a library object",
                       "that reaches into the C library's FILE internals: not allowed")
    elif k in (K.ASM_STMT, K.MS_ASM_STMT):
        refuse(node, "uses inline assembly", "not allowed in a submission")
    elif k == K.UNION_DECL and node.is_definition() and holds_fnptr(node.type):
        refuse(node, "declares a union that holds a function pointer",
               "a union turns data into something callable without a cast: not allowed")
    for c in kids:
        visit(c)


def check_tokens(tu, path, own):
    f = tu.get_file(path)
    size = len(open(path, "rb").read())
    toks = list(tu.get_tokens(extent=cindex.SourceRange.from_locations(
        cindex.SourceLocation.from_offset(tu, f, 0),
        cindex.SourceLocation.from_offset(tu, f, size))))
    for i, t in enumerate(toks):
        f = t.location.file
        if f is None or f.name.rsplit("/", 1)[-1] not in own:
            continue
        s = t.spelling
        if s == "#" and i + 1 < len(toks) and toks[i + 1].spelling == "line" and \
                toks[i + 1].location.line == t.location.line:
            refuse(t, "uses #line", "it disguises where code comes from: not allowed")
        elif s in ASM_WORDS:
            refuse(t, "uses %s" % s, "inline assembly: not allowed in a submission")
        elif s in STACK_BUILTINS:
            refuse(t, "uses %s" % s, "reads or rewrites the call stack: not allowed")
        elif s in JUMPS:
            refuse(t, "uses %s" % s, "jumps across functions: not allowed")
        elif s in ("__attribute__", "__attribute"):
            depth, j = 0, i + 1
            while j < len(toks):
                w = toks[j].spelling
                if w == "(":
                    depth += 1
                elif w == ")":
                    depth -= 1
                    if depth == 0:
                        break
                elif w in BAD_ATTRS:
                    refuse(t, "has the attribute %s" % w.strip("_"),
                           "code that runs before or after the tests, or outside the "
                           "normal calls, is not allowed")
                j += 1


def main(argv):
    if "--" not in argv or argv.index("--") < 2:
        sys.stderr.write("usage: grade_check.py FILE OWN... -- CFLAGS...\n")
        return 2
    dash = argv.index("--")
    own = set(argv[2:dash])
    try:
        index = cindex.Index.create()
        tu = index.parse(argv[1], args=["-x", "c", "-w"] + argv[dash + 1:])
    except cindex.TranslationUnitLoadError as e:
        sys.stderr.write("grade_check.py: cannot parse %s: %s\n" % (argv[1], e))
        return 2
    for d in tu.diagnostics:
        if d.severity >= cindex.Diagnostic.Fatal:
            sys.stderr.write("grade_check.py: %s\n" % d.spelling)
            return 2
    for top in tu.cursor.get_children():     # the headers' declarations: ours
        f = top.location.file
        if f is not None and f.name.rsplit("/", 1)[-1] in own:
            visit(top)
    check_tokens(tu, argv[1], own)
    for p in problems:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
