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
#   - the detours to the same bytes: an integer converted to a pointer; a
#     pointer to a type that holds a function pointer converted to another
#     pointer type (or the other way); any pointer converted to void * but
#     in a call's arguments; a void * converted to a typed pointer unless
#     fresh from malloc, from a function of the lab or the C library, from
#     a field of a lab's own type, or a void * parameter that every caller
#     fills with that type (VoidFlow);
#   - the same through a call: conversions between function pointer types,
#     functions without a prototype, va_arg of a pointer type;
#   - a union that holds a function pointer or any pointer, writing a
#     member of a union;
#   - byte copies (memcpy, memmove, ...) to or from a function pointer, or
#     an object that holds one, or between an object that holds a pointer
#     and one of another type;
#   - inline assembly in every spelling, the builtins that read or rewrite
#     the call stack, setjmp/longjmp in every spelling;
#   - from a library object (stdout, stderr, stdin, errno, environ...):
#     its address, arithmetic or subscripts on it, reading its members,
#     converting it to another type;
#   - constructors, destructors, ifuncs, aliases and sections by attribute,
#     and registering code to run later (atexit, on_exit, signal, ...).
import re
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


# What a void * may come from when it becomes a pointer to a type that
# holds a function pointer (fresh memory has no type yet), and the calls a
# pointer to such a type may be handed to as a void * (they free it, clear
# it, or copy it: byte copies have their own rule below).
ALLOCATORS = {"malloc", "calloc", "realloc"}
VOID_SINKS = {"free", "memset", "__builtin_memset", "__memset_chk", "__builtin___memset_chk",
              "explicit_bzero", "bzero"} | BYTE_COPIES


def pointee(t):
    """The type a data pointer points to (canonical), or None."""
    t = canon(t)
    if t.kind in (T.CONSTANTARRAY, T.INCOMPLETEARRAY, T.VARIABLEARRAY):
        return canon(t.element_type)        # as it decays
    if t.kind != T.POINTER or is_function(t.get_pointee()):
        return None
    return canon(t.get_pointee())


def unqual(t):
    """A type's spelling without its qualifiers (const int and int are one)."""
    words = re.sub(r"\b(const|volatile|restrict|__restrict)\b", " ", t.spelling)
    return re.sub(r"\s+", " ", re.sub(r"\s*\*\s*", " * ", words)).strip()


def is_code(t):
    """t (a pointee) is a function pointer or an object that holds one."""
    return t is not None and (is_function(t) or holds_fnptr(t))


def call_name(node):
    """The function a call expression calls by name (under parentheses and
    implicit conversions), or None."""
    node = strip(node)
    if node.kind == K.CALL_EXPR:
        return node.spelling
    return None


def check_conversion(node, kids, explicit, parents):
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
            canon(to).kind == T.POINTER and not is_fnptr(canon(to).get_pointee()) and \
            not (canon(canon(to).get_pointee()).kind == T.VOID and sink(parents)):
        refuse(node, "converts a pointer to a function pointer to another pointer type",
               "that lets a function pointer be written as bytes: not allowed")
    if is_fnptr(to) and (is_fnptr(frm) or is_function(frm)):
        a = canon(canon(to).get_pointee())
        b = canon(frm) if is_function(frm) else canon(canon(frm).get_pointee())
        if unqual(a) != unqual(b):
            refuse(node, "converts a function (pointer) of type %s to one of type %s" %
                   (unqual(b), unqual(a)),
                   "a call through it hands the arguments over as other types (a number "
                   "as an address): not allowed")
    check_detour(node, src, to, frm, parents)
    if is_library_pointer(src) and canon(to).spelling != canon(frm).spelling:
        refuse(node, "converts a pointer to a library object to another type",
               "that reaches into the C library's memory: not allowed")


def sink(parents):
    """The conversion (whose ancestors are parents, nearest last) makes an
    argument of free, memset or a byte copy."""
    for p in reversed(parents):
        if p.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR):
            continue
        return p.kind == K.CALL_EXPR and p.spelling in VOID_SINKS
    return False


def callee(call):
    """The function a call expression calls directly (its declaration), or
    None for a call through a pointer."""
    d = call.referenced
    return d if d is not None and d.kind == K.FUNCTION_DECL else None


def call_arg_of(parents):
    """The call the conversion (whose ancestors are parents, nearest last)
    is an argument of, or None."""
    for p in reversed(parents):
        if p.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR):
            continue
        return p if p.kind == K.CALL_EXPR else None
    return None


class VoidFlow:
    """Where the student's void * parameters go and where their functions
    are passed, so that a void * parameter may become a typed pointer only
    when every way into it hands over a pointer of that very type."""

    def __init__(self):
        self.params = {}        # param hash -> (param, function, index)
        self.converted = {}     # param hash -> {type spelling}
        self.other_use = {}     # param hash -> a node where it is used otherwise
        self.funcs = {}         # function name -> its definition
        self.calls = {}         # function name -> [call]: direct calls
        self.regs = {}          # function name -> [call]: passed to a call
        self.escapes = {}       # function name -> a node where its address goes elsewhere
        self.vars = {}          # void * local hash -> [what is stored in it]
        self.var_escapes = {}   # void * local hash -> a node that takes its address

    def collect(self, top):
        if top.kind == K.FUNCTION_DECL and top.is_definition():
            self.funcs[top.spelling] = top
            for i, a in enumerate(top.get_arguments()):
                if pointee(a.type) is not None and pointee(a.type).kind == T.VOID:
                    self.params[a.hash] = (a, top, i)
        self._walk(top, ())

    def _walk(self, node, parents):
        if node.kind == K.VAR_DECL and pointee(node.type) is not None and \
                pointee(node.type).kind == T.VOID:
            kids = [c for c in node.get_children() if c.kind != K.TYPE_REF]
            self.vars.setdefault(node.hash, []).extend(kids[-1:])
        if node.kind == K.BINARY_OPERATOR:
            kids = list(node.get_children())
            lhs = strip(kids[0]) if len(kids) == 2 else None
            if lhs is not None and lhs.kind == K.DECL_REF_EXPR and lhs.referenced is not None \
                    and lhs.referenced.kind == K.VAR_DECL and \
                    pointee(lhs.type) is not None and pointee(lhs.type).kind == T.VOID and \
                    "=" in [t.spelling for t in node.get_tokens()]:
                self.vars.setdefault(lhs.referenced.hash, []).append(kids[1])
        if node.kind == K.UNARY_OPERATOR:
            kids = list(node.get_children())
            if kids and strip(kids[0]).kind == K.DECL_REF_EXPR and \
                    unary_op(node, kids[0]) == "&" and strip(kids[0]).referenced is not None:
                self.var_escapes.setdefault(strip(kids[0]).referenced.hash, node)
        if node.kind == K.DECL_REF_EXPR and node.referenced is not None:
            d = node.referenced
            if d.kind == K.PARM_DECL:
                self._param_use(node, d, parents)
            elif d.kind == K.FUNCTION_DECL:
                self._func_use(node, d, parents)
        below = parents + (node,)
        for c in node.get_children():
            self._walk(c, below)

    def _param_use(self, node, d, parents):
        for p in reversed(parents):
            if p.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR):
                pt = pointee(p.type)
                if pt is not None and pt.kind != T.VOID:
                    self.converted.setdefault(d.hash, set()).add(unqual(pt))
                    return
                if p.kind == K.CSTYLE_CAST_EXPR and canon(p.type).kind != T.POINTER:
                    return              # (void)arg
                continue
            if p.kind in (K.IF_STMT, K.WHILE_STMT):
                return                  # if (arg)
            if p.kind == K.BINARY_OPERATOR and \
                    any(t.spelling in ("==", "!=", "&&", "||") for t in p.get_tokens()):
                return                  # arg == NULL
            if p.kind == K.UNARY_OPERATOR and \
                    [t.spelling for t in p.get_tokens()][:1] == ["!"]:
                return                  # !arg
            if p.kind == K.CALL_EXPR and callee(p) is not None and from_system(callee(p)):
                return                  # free(arg), printf("%p", arg)
            break
        self.other_use.setdefault(d.hash, node)

    def _func_use(self, node, d, parents):
        name = d.spelling
        for i, p in enumerate(reversed(parents)):
            if p.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR):
                continue
            if p.kind == K.CALL_EXPR:
                kids = list(p.get_children())
                inner = parents[len(parents) - i:] + (node,)
                if kids and kids[0] in inner:
                    self.calls.setdefault(name, []).append(p)
                else:
                    self.regs.setdefault(name, []).append(p)
                return
            break
        self.escapes.setdefault(name, node)

    def why_not(self, param):
        """Why the void * parameter may not become a typed pointer, or None."""
        h = param.hash
        if h not in self.params:
            return "it is not a parameter of a function of this file"
        _, fn, index = self.params[h]
        types = self.converted.get(h, set())
        if len(types) != 1:
            return "it becomes pointers of different types (%s)" % ", ".join(sorted(types))
        if h in self.other_use:
            return "it is also used as a void * (line %d)" % self.other_use[h].location.line
        want = next(iter(types))
        name = fn.spelling
        if name in self.escapes:
            return "%s is stored or passed on (line %d), so it may be called with anything" % \
                (name, self.escapes[name].location.line)
        for call in self.calls.get(name, []):
            args = list(call.get_arguments())
            if index < len(args) and not self._hands(args[index], want):
                return "%s is called with something else (line %d)" % (name, call.location.line)
        for call in self.regs.get(name, []):
            for a in call.get_arguments():
                pa = pointee(a.type)
                if pa is not None and pa.kind == T.VOID and not self._hands(a, want):
                    return "%s is registered with something else as its argument (line %d)" % \
                        (name, call.location.line)
        return None

    def var_why_not(self, var, pt):
        """Why the void * local may not become a pt *, or None."""
        h = var.hash
        if h in self.var_escapes:
            return "its address is taken (line %d)" % self.var_escapes[h].location.line
        for src in self.vars.get(h, []):
            s = strip(src)
            if is_null_constant(src):
                continue
            if s.kind == K.CALL_EXPR and s.spelling in ALLOCATORS and fresh(s, pt):
                continue
            return "it is given something other than fresh memory (line %d)" % \
                src.location.line
        return None

    def _hands(self, arg, want):
        """arg (an argument) hands over a pointer to want, or a null pointer."""
        if is_null_constant(arg):
            return True
        s = strip(arg)
        while s.kind == K.CSTYLE_CAST_EXPR and pointee(s.type) is not None and \
                pointee(s.type).kind == T.VOID:
            s = strip(list(s.get_children())[-1])
        if s.kind == K.CALL_EXPR and s.spelling in ALLOCATORS:
            return fresh(s, want)
        pt = pointee(s.type)
        return pt is not None and unqual(pt) == want


def fresh(call, pt):
    """An allocator's call gives fresh memory for a pt (a type, or its
    spelling): malloc and calloc always; realloc when the block it is
    given is null or already a pt."""
    if call.spelling != "realloc":
        return True
    args = list(call.get_arguments())
    if not args or is_null_constant(args[0]):
        return True
    had = pointee(strip(args[0]).type)
    return had is not None and had.kind != T.VOID and \
        unqual(had) == (pt if isinstance(pt, str) else unqual(pt))


flow = VoidFlow()
OWN = set()


def own_file(decl):
    """decl is declared in one of the student's files."""
    f = decl.location.file
    return f is not None and f.name.rsplit("/", 1)[-1] in OWN


def holds_pointer(t, seen=None):
    """t is a pointer, or an aggregate or array that holds one."""
    t = canon(t)
    seen = seen or set()
    if t.kind == T.POINTER:
        return True
    if t.kind in (T.CONSTANTARRAY, T.INCOMPLETEARRAY, T.VARIABLEARRAY):
        return holds_pointer(t.element_type, seen)
    if t.kind == T.RECORD:
        decl = t.get_declaration()
        if decl.hash in seen:
            return False
        seen.add(decl.hash)
        return any(holds_pointer(f.type, seen) for f in decl.get_children()
                   if f.kind == K.FIELD_DECL)
    return False


def union_member_write(node, kids):
    """node (an assignment) writes a member of a union: the bytes are then
    read as another member."""
    if not kids:
        return False
    lhs = strip(kids[0])
    while lhs.kind == K.MEMBER_REF_EXPR:
        base = list(lhs.get_children())
        if not base:
            return False
        if canon(strip(base[0]).type).kind == T.RECORD and \
                canon(strip(base[0]).type).get_declaration().kind == K.UNION_DECL:
            return True
        t = canon(strip(base[0]).type)
        if t.kind == T.POINTER and canon(t.get_pointee()).kind == T.RECORD and \
                canon(t.get_pointee()).get_declaration().kind == K.UNION_DECL:
            return True
        lhs = strip(base[0])
    return False


def check_detour(node, src, to, frm, parents):
    """The conversions that reach an object's bytes through another type:
    an integer never becomes a pointer; a pointer becomes one to another
    type only when neither holds a function pointer; a pointer becomes a
    void * only as an argument of a call; a void * becomes a typed pointer
    only fresh from malloc or a function of the lab, or from a parameter
    that every caller fills with a pointer of that type."""
    pt, pf = pointee(to), pointee(frm)
    if canon(to).kind == T.POINTER and pt is not None and is_integer(frm) and \
            not is_null_constant(src):
        refuse(node, "converts an integer to a pointer",
               "that makes an address out of a number: not allowed")
        return
    if pt is None or pf is None or unqual(pt) == unqual(pf):
        return
    if pt.kind == T.VOID and pf.kind == T.VOID:
        return
    if pf.kind == T.VOID:
        void_source(node, src, pt)
    elif pt.kind == T.VOID:
        call = call_arg_of(parents)
        if call is None or callee(call) is None:
            refuse(node, "converts a pointer to %s to void * outside a call's arguments"
                   % unqual(pf),
                   "a void * kept in a variable, a field or a return value may later be "
                   "read as another type: pass the typed pointer, or void * only to a call")
    elif is_code(pf) or is_code(pt):
        refuse(node, "converts a pointer to %s to a pointer to %s" % (unqual(pf), unqual(pt)),
               "one of them holds a function pointer, so the other type reads or writes it as "
               "something else: not allowed")


def void_source(node, src, pt):
    """Judge a void * (src) that node converts to a pointer to pt."""
    s = strip(src)
    if is_null_constant(src):
        return
    if s.kind == K.CONDITIONAL_OPERATOR:
        for branch in list(s.get_children())[1:]:
            void_source(node, branch, pt)
        return
    if s.kind == K.CALL_EXPR:
        d = callee(s)
        if d is not None and s.spelling in ALLOCATORS:
            if fresh(s, pt):
                return
            refuse(node, "converts what realloc returns to a pointer to %s" % unqual(pt),
                   "realloc keeps the old block's bytes, which were of another type: "
                   "not allowed")
            return
        if d is not None and not from_system(d) and s.spelling not in flow.funcs:
            return                      # a function of the lab (gen_frame)
        refuse(node, "converts the void * that %s returns to a pointer to %s" %
               (s.spelling or "a call through a pointer", unqual(pt)),
               "only malloc, calloc, realloc and the lab's functions hand out a void * "
               "that may become a typed pointer (this one may point at anything): make "
               "a function of your own return the type it means")
        return
    d = s.referenced if s.kind == K.DECL_REF_EXPR else None
    if d is not None and (d.kind == K.PARM_DECL or
                          (d.kind == K.VAR_DECL and d.hash in flow.vars)):
        param = d.kind == K.PARM_DECL
        why = flow.why_not(d) if param else flow.var_why_not(d, pt)
        if why:
            refuse(node, "converts the void * %s %s to a pointer to %s" %
                   ("parameter" if param else "variable", s.spelling, unqual(pt)),
                   "%s: a void * may become a typed pointer only if %s" %
                   (why, "every caller hands over that type" if param
                    else "it only ever holds fresh memory"))
        return
    if s.kind == K.MEMBER_REF_EXPR and s.referenced is not None and \
            not own_file(s.referenced):
        return              # a lab's own channel: a value's pointer, a handle's argument
    refuse(node, "converts a void * to a pointer to %s" % unqual(pt),
           "a void * may become a typed pointer only fresh from malloc or a function "
           "of the lab, or as a parameter that every caller fills with that type "
           "(a void * kept elsewhere may hold anything): not allowed")


def is_va_arg(node, kids):
    """node is va_arg(ap, T): libclang shows it as an unexposed expression of
    type T over the va_list (a __va_list_tag, decayed or not), not a
    conversion."""
    return len(kids) == 1 and "__va_list" in canon(kids[0].type).spelling and \
        "__va_list" not in canon(node.type).spelling


PTRISH = (T.POINTER, T.FUNCTIONPROTO, T.FUNCTIONNOPROTO)


def visit(node, parents=()):
    """Judge node (in one of the student's files) and everything under it;
    parents are its ancestors, nearest last."""
    kids = list(node.get_children())
    k = node.kind
    if k == K.FUNCTION_DECL and canon(node.type).kind == T.FUNCTIONNOPROTO:
        refuse(node, "declares %s without a prototype" % node.spelling,
               "its calls then convert nothing (a number reaches a pointer parameter): "
               "write the parameters, or (void)")
    if k == K.UNEXPOSED_EXPR and is_va_arg(node, kids):
        if canon(node.type).kind == T.POINTER:
            refuse(node, "reads a variadic argument as a pointer (va_arg)",
                   "whatever the caller passed, a number too, becomes an address: not allowed")
    elif k == K.UNEXPOSED_EXPR:          # implicit conversions, mostly
        if len(kids) == 1 and (canon(node.type).kind in PTRISH or
                               canon(kids[0].type).kind in PTRISH):
            check_conversion(node, kids, False, parents)
    elif k == K.CSTYLE_CAST_EXPR:
        check_conversion(node, kids, True, parents)
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
            else:
                # A copy into or out of an object that holds a pointer is a
                # copy between two objects of that one type: otherwise bytes
                # become an address.
                a, b = (pointee(strip(x).type) for x in kids[1:3])
                if any(t is not None and (holds_pointer(t) or is_code(t)) for t in (a, b)) \
                        and (a is None or b is None or unqual(a) != unqual(b)):
                    refuse(node, "copies bytes between a pointer and other data (%s)" % name,
                           "that turns a number into an address: copy objects of one type")
    elif k == K.UNARY_OPERATOR and kids:
        op = unary_op(node, kids[0])
        if op == "&" and kids and library_object(kids[0]):
            refuse(node, "takes the address of a library object",
                   "that reaches into the C library's memory: not allowed")
        elif op in ("++", "--") and kids and is_library_pointer(kids[0]):
            refuse(node, "does arithmetic on a pointer to a library object",
                   "that reaches into the C library's memory: not allowed")
    elif k in (K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR):
        toks = [t.spelling for t in node.get_tokens()]
        if k == K.BINARY_OPERATOR and "=" in toks and union_member_write(node, kids):
            refuse(node, "writes a member of a union",
                   "its bytes would then be read as another member (an integer as an "
                   "address): build the value with the lab's functions (co_int, co_ptr...)")
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
    elif k == K.UNION_DECL and node.is_definition() and holds_pointer(node.type):
        refuse(node, "declares a union that holds a pointer",
               "a union turns a number into an address without a cast: not allowed")
    below = parents + (node,)
    for c in kids:
        visit(c, below)


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
    mine = [top for top in tu.cursor.get_children()    # the headers' declarations: ours
            if top.location.file is not None and
            top.location.file.name.rsplit("/", 1)[-1] in own]
    OWN.update(own)
    for top in mine:
        flow.collect(top)
    for top in mine:
        visit(top)
    check_tokens(tu, argv[1], own)
    for p in problems:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
