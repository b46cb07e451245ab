/*
 * play_gen.c - driving generators by hand: new, next, send, throw, close.
 *
 * Every operation is shown three ways: the Python line it mirrors and
 * what Python would answer, the C call and what it returned, and the
 * generator's state before, during and after.  "During" is seen from
 * inside the body: right after creation the body pointer g->body is
 * swapped for a probe that notes the state it finds, then calls the real
 * body (the fields of struct gen are public precisely so that one can
 * look).
 */
#include "play.h"

#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define MAX_GENS 64

struct slot {
    int id;                          /* g<id> */
    struct gen *g;                   /* NULL once freed */
    const struct play_gen_kind *kind;
    char label[96];                  /* "fibo(10)" */
    gen_body_fn *body;               /* the real body, called by the probe */
    int inside;                      /* state seen inside the body; -1: not entered */
    int calls;                       /* body calls during the last operation */
    int seen;                        /* the kind's counter for its `prints` hook */
};

/* The claims check (play.h): what the current session claimed, step by
 * step, while `claiming` is set. */
#define MAX_STEPS 32
struct claim {
    char python[200];
    char answer[CO_EXC_FORMAT_MAX + CO_REPR_MAX];
    char prints[1024];
};
static bool claiming;
static struct claim steps[MAX_STEPS];
static int nsteps;

/* Start the claim of one step: the Python line, and its answer. */
static void claim(const char *python, const char *answer)
{
    if (!claiming || nsteps >= MAX_STEPS)
        return;
    struct claim *c = &steps[nsteps++];
    snprintf(c->python, sizeof c->python, "%s", python);
    snprintf(c->answer, sizeof c->answer, "%s", answer);
    c->prints[0] = '\0';
}

/* A line the step's Python prints: shown, and added to the claim. */
static void prints_line(const char *line, bool show)
{
    if (show)
        printf("  %sprints%s   %s\n", play_c(P_DIM), play_c(P_OFF), line);
    if (claiming && nsteps > 0) {
        struct claim *c = &steps[nsteps - 1];
        size_t len = strlen(c->prints);
        snprintf(c->prints + len, sizeof c->prints - len, "%s\n", line);
    }
}

void play_gen_prints(const char *line)
{
    prints_line(line, true);
}

static const struct play_gen_kind *kinds;
static int nkinds;
static struct slot slots[MAX_GENS];
static int nslots;
static int cur = -1;                 /* index into slots */

void play_gen_set_catalogue(const struct play_gen_kind *k, int n)
{
    kinds = k;
    nkinds = n;
}

struct gen *play_gen_made(struct gen *g, char *err, size_t errn)
{
    if (!g)
        snprintf(err, errn, "gen_new returned NULL");
    return g;
}

void play_gen_intro_end(void)
{
    printf("`catalogue` lists the generators, `help` the commands, `quit` leaves.\n");
}

static struct slot *slot_of(struct gen *g)
{
    for (int i = 0; i < nslots; i++)
        if (slots[i].g == g)
            return &slots[i];
    return NULL;
}

/* The probe that stands in for a body: see the top of the file. */
static enum gen_step probe(struct gen *g, void *frame)
{
    struct slot *s = slot_of(g);
    if (!s || !s->body)
        return GEN_STEP_RAISE;
    if (s->inside < 0)
        s->inside = (int)gen_state(g);
    s->calls++;
    return s->body(g, frame);
}

/* ---- arguments --------------------------------------------------------- */

int play_arg_int(int argc, char **argv, int i, long long dflt, long long *out, char *err,
                 size_t errn)
{
    struct co_value v;
    if (i >= argc) {
        *out = dflt;
        return 0;
    }
    if (play_parse_value(argv[i], &v, err, errn) != 0)
        return -1;
    if (v.kind != CO_INT) {
        snprintf(err, errn, "%s: an integer is needed here", argv[i]);
        return -1;
    }
    *out = v.as.i;
    return 0;
}

int play_arg_value(int argc, char **argv, int i, struct co_value dflt, struct co_value *out,
                   char *err, size_t errn)
{
    if (i >= argc) {
        *out = dflt;
        return 0;
    }
    return play_parse_value(argv[i], out, err, errn);
}

/* "g2" -> its slot; NULL (and says so) if there is none. */
static struct slot *find(const char *word, bool complain)
{
    if (word && (word[0] == 'g') && word[1] >= '0' && word[1] <= '9') {
        int id = atoi(word + 1);
        for (int i = 0; i < nslots; i++)
            if (slots[i].id == id && slots[i].g)
                return &slots[i];
        if (complain)
            play_error("there is no generator %s (`gens` lists them).", word);
        return NULL;
    }
    if (cur >= 0 && slots[cur].g)
        return &slots[cur];
    if (complain)
        play_error("no generator yet: make one with `new NAME` (`catalogue` lists them).");
    return NULL;
}

/* The target of an operation: an optional leading "gN", else the current. */
static struct slot *target(int *argc, char ***argv)
{
    if (*argc >= 2 && (*argv)[1][0] == 'g' && (*argv)[1][1] >= '0' && (*argv)[1][1] <= '9') {
        struct slot *s = find((*argv)[1], true);
        (*argv)[1] = (*argv)[0];
        (*argv)++;
        (*argc)--;
        return s;
    }
    return find(NULL, true);
}

/* ---- showing what happened --------------------------------------------- */

static const char *state_name(int st)
{
    return gen_state_name((enum gen_state)st);
}

static void show_states(struct slot *s, int before, int rp_before, struct gen *sub_before)
{
    struct gen *g = s->g;
    int after = (int)gen_state(g);

    printf("  %sstate%s    %s", play_c(P_DIM), play_c(P_OFF), state_name(before));
    if (s->calls > 0 && s->inside >= 0)
        printf(" %s %s", play_arrow(), state_name(s->inside));
    printf(" %s %s%s%s", play_arrow(), play_c(P_BOLD), state_name(after), play_c(P_OFF));
    if (g->resume_point != rp_before)
        printf("   %s(resume point: %s%d %s line %d)%s", play_c(P_DIM),
               rp_before ? "line " : "", rp_before, play_arrow(), g->resume_point, play_c(P_OFF));
    else if (s->calls > 0 && g->resume_point)
        printf("   %s(resume point: line %d)%s", play_c(P_DIM), g->resume_point, play_c(P_OFF));
    printf("\n");
    if (s->calls > 0 && s->inside >= 0 && s->inside != GEN_RUNNING)
        printf("  %s! inside its body the generator was %s: it should be GEN_RUNNING while the "
               "body runs.%s\n", play_c(P_YELLOW), state_name(s->inside), play_c(P_OFF));
    if (s->calls > 1)
        printf("  %s(the body was entered %d times)%s\n", play_c(P_DIM), s->calls, play_c(P_OFF));
    if (g->delegate != sub_before || g->delegate) {
        if (g->delegate)
            printf("  %sdelegate%s %s %s (%s)%s\n", play_c(P_DIM), play_c(P_OFF), play_arrow(),
                   g->delegate->name, state_name((int)gen_state(g->delegate)),
                   sub_before == g->delegate ? "" : ": the delegation started");
        else
            printf("  %sdelegate%s %s none (the delegation is over)\n", play_c(P_DIM),
                   play_c(P_OFF), play_arrow());
    }
}

/* What Python answers, as the claims check writes it (play.h). */
static const char *answer_of(int r, struct co_value out, const struct co_exc *exc, char *buf,
                             size_t n)
{
    char a[CO_REPR_MAX];

    if (r == GEN_YIELDED)
        snprintf(buf, n, "%s", play_repr(out, a, sizeof a));
    else if (r == CO_OK)
        snprintf(buf, n, "None");
    else if (exc->kind == CO_STOP_ITERATION)
        snprintf(buf, n, "StopIteration value=%s", play_repr(exc->value, a, sizeof a));
    else if (exc->kind != CO_EXC_NONE)
        co_exc_format(exc, buf, (unsigned)n);
    else
        snprintf(buf, n, "?");
    return buf;
}

/* The outcome of a resume, in Python and in C. */
static void show_outcome(const char *py, const char *c, int r, struct co_value out,
                         const struct co_exc *exc, const char *fn)
{
    char a[CO_REPR_MAX], e[CO_EXC_FORMAT_MAX], ans[CO_EXC_FORMAT_MAX + CO_REPR_MAX];

    if (r != CO_ENOSYS)
        claim(py, answer_of(r, out, exc, ans, sizeof ans));

    printf("  %sPython%s   %s  %s  ", play_c(P_DIM), play_c(P_OFF), py, play_arrow());
    if (r == GEN_YIELDED)
        printf("%s%s%s\n", play_c(P_GREEN), play_repr(out, a, sizeof a), play_c(P_OFF));
    else if (r == CO_OK)
        printf("%sNone%s (closed)\n", play_c(P_GREEN), play_c(P_OFF));
    else if (r == CO_ENOSYS)
        printf("?\n");
    else if (exc->kind == CO_STOP_ITERATION && r < 0)
        printf("%sraises StopIteration%s (it has finished already)\n", play_c(P_YELLOW),
               play_c(P_OFF));
    else if (exc->kind == CO_STOP_ITERATION)
        printf("%sraises StopIteration%s (value %s: the generator returned it)\n",
               play_c(P_YELLOW), play_c(P_OFF), play_repr(exc->value, a, sizeof a));
    else
        printf("%sraises %s%s\n", play_c(P_RED), co_exc_format(exc, e, sizeof e), play_c(P_OFF));

    printf("  %sC%s        %s = ", play_c(P_DIM), play_c(P_OFF), c);
    if (r == GEN_YIELDED)
        printf("GEN_YIELDED, out = %s\n", play_repr(out, a, sizeof a));
    else if (r == GEN_RAISED)
        printf("GEN_RAISED, exc = %s\n", co_exc_format(exc, e, sizeof e));
    else if (r == CO_OK)
        printf("CO_OK\n");
    else if (r == CO_ENOSYS)
        printf("%sCO_ENOSYS%s: %s%s.\n", play_c(P_RED), play_c(P_OFF), fn,
               play_todo_hint("file"));
    else if (r < 0)
        printf("%s%s%s (refused: %s)%s\n", play_c(P_YELLOW), co_errname(r), play_c(P_OFF),
               exc->kind ? co_exc_format(exc, e, sizeof e) : "no exception set",
               "");
    else
        printf("%d (not an outcome gen.h defines)\n", r);
}

/* After an operation: what the kind's Python printed meanwhile. */
static void after(struct slot *s)
{
    if (s->kind->prints && s->g)
        s->kind->prints(s->g, &s->seen);
}

static void begin(struct slot *s, int *before, int *rp, struct gen **sub)
{
    s->inside = -1;
    s->calls = 0;
    *before = (int)gen_state(s->g);
    *rp = s->g->resume_point;
    *sub = s->g->delegate;
}

/* ---- commands -------------------------------------------------------- */

static void cmd_catalogue(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    int width = 0;

    printf("Generators to play with (`new NAME [ARGS]`, `source NAME` shows the Python):\n");
    for (int i = 0; i < nkinds; i++) {
        int w = (int)(strlen(kinds[i].name) + 1 + strlen(kinds[i].args));
        width = w > width ? w : width;
    }
    for (int i = 0; i < nkinds; i++) {
        char head[128];
        snprintf(head, sizeof head, "%s %s", kinds[i].name, kinds[i].args);
        printf("  %s%-*s%s  %s\n", play_c(P_BOLD), width, head, play_c(P_OFF), kinds[i].about);
    }
}

static const struct play_gen_kind *kind_named(const char *name)
{
    for (int i = 0; i < nkinds; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

static void cmd_source(int argc, char **argv, const char *rest)
{
    (void)rest;
    const struct play_gen_kind *k = argc >= 2 ? kind_named(argv[1]) : NULL;
    if (!k && argc < 2 && cur >= 0 && slots[cur].g)
        k = slots[cur].kind;
    if (!k) {
        play_error("source NAME, with NAME from the catalogue.");
        return;
    }
    printf("%s%s%s\n", play_c(P_CYAN), k->python, play_c(P_OFF));
}

/*
 * The Python call that makes what `new` made: the function the source
 * defines last (`def generator(first):` -> "generator"), and every
 * argument, typed or the default the args line gives ("[N=3]").
 */
static void make_label(const struct play_gen_kind *k, int argc, char **argv, char *buf,
                       size_t n)
{
    const char *def = k->python, *p, *spec = k->args;
    size_t len;
    int i = 0;

    for (p = k->python; (p = strstr(p, "def ")) != NULL; p += 4)
        def = p + 4;
    len = strcspn(def, "(");
    if (def == k->python)                         /* no def: the catalogue name */
        def = k->name, len = strlen(k->name);
    snprintf(buf, n, "%.*s(", (int)len, def);
    while ((spec = strchr(spec, '[')) != NULL) {
        const char *eq = strchr(spec, '='), *end = strchr(spec, ']');
        if (!end)
            break;
        size_t at = strlen(buf);
        if (i < argc)
            snprintf(buf + at, n - at, "%s%s", i ? ", " : "", argv[i]);
        else if (eq && eq < end)
            snprintf(buf + at, n - at, "%s%.*s", i ? ", " : "", (int)(end - eq - 1), eq + 1);
        spec = end + 1;
        i++;
    }
    for (; i < argc; i++) {                       /* more than the args line names */
        size_t at = strlen(buf);
        snprintf(buf + at, n - at, "%s%s", i ? ", " : "", argv[i]);
    }
    size_t at = strlen(buf);
    snprintf(buf + at, n - at, ")");
}

static void cmd_new(int argc, char **argv, const char *rest)
{
    char err[256] = "";
    const struct play_gen_kind *k;
    struct gen *g;
    struct slot *s;

    (void)rest;
    if (argc < 2) {
        play_error("new NAME [ARGS]: NAME is one of the catalogue (`catalogue`).");
        return;
    }
    k = kind_named(argv[1]);
    if (!k) {
        play_error("there is no \"%s\" in the catalogue (`catalogue` lists it).", argv[1]);
        return;
    }
    if (nslots >= MAX_GENS) {
        play_error("that is a lot of generators: `free` some first.");
        return;
    }
    g = k->make(argc - 1, argv + 1, err, sizeof err);
    if (!g) {
        play_error("%s", err[0] ? err : "could not make it");
        return;
    }
    s = &slots[nslots];
    memset(s, 0, sizeof *s);
    s->id = nslots + 1;
    s->g = g;
    s->kind = k;
    make_label(k, argc - 2, argv + 2, s->label, sizeof s->label);
    s->body = g->body;
    g->body = probe;
    cur = nslots++;
    {
        char py[160];
        snprintf(py, sizeof py, "g%d = %s", s->id, s->label);
        claim(py, "");
    }
    printf("  %sPython%s   g%d = %s\n", play_c(P_DIM), play_c(P_OFF), s->id, s->label);
    printf("  %sstate%s    %s%s%s: a generator object; its body has not run yet.  Try `next`.\n",
           play_c(P_DIM), play_c(P_OFF), play_c(P_BOLD), state_name((int)gen_state(g)),
           play_c(P_OFF));
}

static void cmd_next(int argc, char **argv, const char *rest)
{
    struct slot *s = target(&argc, &argv);
    struct co_value out = co_none();
    struct co_exc exc = { 0 };
    int before, rp, r;
    struct gen *sub;
    char py[64], c[64];

    (void)rest;
    if (!s)
        return;
    if (argc > 1) {
        play_error("next takes no value (send VALUE does).");
        return;
    }
    begin(s, &before, &rp, &sub);
    r = gen_next(s->g, &out, &exc);
    snprintf(py, sizeof py, "next(g%d)", s->id);
    snprintf(c, sizeof c, "gen_next(g%d, &out, &exc)", s->id);
    show_outcome(py, c, r, out, &exc, "gen_send");
    after(s);
    show_states(s, before, rp, sub);
}

static void cmd_send(int argc, char **argv, const char *rest)
{
    struct slot *s = target(&argc, &argv);
    struct co_value v, out = co_none();
    struct co_exc exc = { 0 };
    int before, rp, r;
    struct gen *sub;
    char err[256], py[160], c[200], a[CO_REPR_MAX];

    if (!s)
        return;
    /* the value is the rest of the line (after an optional gN) */
    const char *text = argc >= 2 ? strstr(rest, argv[1]) : NULL;
    if (!text) {
        play_error("send VALUE: a Python literal, e.g. send 42, send 'hi', send None.");
        return;
    }
    if (play_parse_value(text, &v, err, sizeof err) != 0) {
        play_error("%s", err);
        return;
    }
    begin(s, &before, &rp, &sub);
    r = gen_send(s->g, v, &out, &exc);
    play_repr(v, a, sizeof a);
    snprintf(py, sizeof py, "g%d.send(%s)", s->id, a);
    snprintf(c, sizeof c, "gen_send(g%d, %s, &out, &exc)",
             s->id, v.kind == CO_NONE ? "co_none()" : v.kind == CO_INT ? "co_int(..)"
                  : v.kind == CO_FLOAT ? "co_float(..)" : v.kind == CO_STR ? "co_str(..)"
                  : "co_ptr(list)");
    show_outcome(py, c, r, out, &exc, "gen_send");
    after(s);
    show_states(s, before, rp, sub);
}

static void cmd_throw(int argc, char **argv, const char *rest)
{
    struct slot *s = target(&argc, &argv);
    struct co_value out = co_none();
    struct co_exc exc = { 0 }, thrown;
    int before, rp, r;
    struct gen *sub;
    char err[512], py[200], c[96], e[CO_EXC_FORMAT_MAX];

    if (!s)
        return;
    const char *text = argc >= 2 ? strstr(rest, argv[1]) : NULL;
    if (!text || play_parse_exc(text, &thrown, err, sizeof err) != 0) {
        play_error("%s", text ? err : "throw KIND [MESSAGE], e.g. throw ValueError, "
                   "throw ValueError('bad')");
        return;
    }
    begin(s, &before, &rp, &sub);
    r = gen_throw(s->g, &thrown, &out, &exc);
    if (thrown.msg[0]) {
        char m[CO_REPR_MAX];
        snprintf(py, sizeof py, "g%d.throw(%s(%s))", s->id, co_exc_kind_name(thrown.kind),
                 thrown.kind == CO_KEY_ERROR ? thrown.msg       /* already a repr */
                 : play_repr(co_str(thrown.msg), m, sizeof m));
    } else
        snprintf(py, sizeof py, "g%d.throw(%s)", s->id, co_exc_kind_name(thrown.kind));
    snprintf(c, sizeof c, "gen_throw(g%d, &thrown, &out, &exc)", s->id);
    (void)e;
    show_outcome(py, c, r, out, &exc, "gen_throw");
    after(s);
    show_states(s, before, rp, sub);
}

static void cmd_close(int argc, char **argv, const char *rest)
{
    struct slot *s = target(&argc, &argv);
    struct co_exc exc = { 0 };
    int before, rp, r;
    struct gen *sub;
    char py[64], c[64];

    (void)rest;
    if (!s)
        return;
    begin(s, &before, &rp, &sub);
    r = gen_close(s->g, &exc);
    snprintf(py, sizeof py, "g%d.close()", s->id);
    snprintf(c, sizeof c, "gen_close(g%d, &exc)", s->id);
    show_outcome(py, c, r, co_none(), &exc, "gen_close");
    after(s);
    show_states(s, before, rp, sub);
}

static void dump(struct slot *s)
{
    struct gen *g = s->g;
    char a[CO_REPR_MAX], e[CO_EXC_FORMAT_MAX];

    printf("  g%d = %s%s%s   (inspect.getgeneratorstate: %s%s%s)\n", s->id, play_c(P_BOLD),
           s->label, play_c(P_OFF), play_c(P_BOLD), state_name((int)gen_state(g)), play_c(P_OFF));
    printf("    name          \"%s\"\n", g->name);
    printf("    resume_point  %d%s\n", g->resume_point,
           g->resume_point ? "   (the line of the yield it is paused at)" : "   (the top of the body)");
    printf("    sent          %s\n", play_repr(g->sent, a, sizeof a));
    printf("    value         %s\n", play_repr(g->value, a, sizeof a));
    printf("    exc           %s\n", g->exc.kind ? co_exc_format(&g->exc, e, sizeof e) : "none");
    printf("    thrown        %s\n", g->thrown ? "true" : "false");
    if (g->delegate) {
        printf("    delegate      %s", "");
        for (struct gen *d = g->delegate; d; d = d->delegate)
            printf("%s (%s)%s", d->name, state_name((int)gen_state(d)), d->delegate ? " -> " : "");
        printf("\n");
    } else {
        printf("    delegate      none\n");
    }
    printf("    gen_check     %s\n", gen_check(g) ? "invariants hold" : "INVARIANTS BROKEN");
    if (s->kind->show_frame) {
        printf("    frame:\n");
        s->kind->show_frame(g);
    } else {
        printf("    frame         (its struct is private to your gen.c)\n");
    }
}

static void cmd_state(int argc, char **argv, const char *rest)
{
    (void)rest;
    struct slot *s = argc >= 2 ? find(argv[1], true) : find(NULL, true);
    if (s)
        dump(s);
}

static void cmd_gens(int argc, char **argv, const char *rest)
{
    int shown = 0;
    (void)argc, (void)argv, (void)rest;
    for (int i = 0; i < nslots; i++) {
        if (!slots[i].g)
            continue;
        printf("  %s g%d  %-24s %s\n", i == cur ? "*" : " ", slots[i].id, slots[i].label,
               state_name((int)gen_state(slots[i].g)));
        shown++;
    }
    if (!shown)
        printf("  none yet: `new NAME` makes one (`catalogue` lists them).\n");
}

static void cmd_use(int argc, char **argv, const char *rest)
{
    (void)rest;
    if (argc < 2) {
        play_error("use gN: make generator gN the current one.");
        return;
    }
    struct slot *s = find(argv[1], true);
    if (s) {
        cur = (int)(s - slots);
        printf("  g%d (%s) is the current generator.\n", s->id, s->label);
    }
}

static void cmd_free(int argc, char **argv, const char *rest)
{
    struct slot *s = target(&argc, &argv);
    int before, r;

    (void)rest;
    if (!s)
        return;
    before = (int)gen_state(s->g);
    fflush(stdout);
    r = gen_free(s->g);
    fflush(stderr);
    printf("  %sC%s        gen_free(g%d) = %s\n", play_c(P_DIM), play_c(P_OFF), s->id,
           co_errname(r));
    if (r == CO_OK) {
        printf("  g%d is gone%s.\n", s->id,
               before == GEN_SUSPENDED ? " (it was suspended: gen_free closed it first)" : "");
        s->g = NULL;
        if (cur == (int)(s - slots)) {
            cur = -1;
            for (int i = nslots - 1; i >= 0 && cur < 0; i--)
                if (slots[i].g)
                    cur = i;
        }
    }
}

/* for x in g: print(x) -- at most 100 values */
static void cmd_drain(int argc, char **argv, const char *rest)
{
    struct slot *s = target(&argc, &argv);
    struct co_value out;
    struct co_exc exc = { 0 };
    char a[CO_REPR_MAX], e[CO_EXC_FORMAT_MAX];
    int r = GEN_YIELDED, n = 0;

    (void)rest;
    if (!s)
        return;
    printf("  %sPython%s   for x in g%d: print(x)\n", play_c(P_DIM), play_c(P_OFF), s->id);
    {
        char py[64];
        snprintf(py, sizeof py, "for x in g%d: print(x)", s->id);
        claim(py, "");
    }
    while (n < 100 && (r = gen_next(s->g, &out, &exc)) == GEN_YIELDED) {
        printf("           %s\n", play_str(out, a, sizeof a));
        prints_line(a, false);
        n++;
    }
    if (r == GEN_YIELDED)
        printf("  ... stopped after 100 values (an endless generator?)\n");
    else if (r == GEN_RAISED && exc.kind == CO_STOP_ITERATION)
        printf("  the loop ends: StopIteration (returned %s)\n", play_repr(exc.value, a, sizeof a));
    else if (r == GEN_RAISED) {
        printf("  %sraises %s%s\n", play_c(P_RED), co_exc_format(&exc, e, sizeof e), play_c(P_OFF));
        if (claiming && nsteps > 0)
            snprintf(steps[nsteps - 1].answer, sizeof steps[nsteps - 1].answer, "%s", e);
    } else
        printf("  gen_next returned %s%s\n", co_errname(r),
               r == CO_ENOSYS ? play_todo_hint("file") : "");
    printf("  %sstate%s    %s\n", play_c(P_DIM), play_c(P_OFF), state_name((int)gen_state(s->g)));
}

const struct play_cmd play_gen_cmds[] = {
    { "catalogue", cmd_catalogue, "catalogue", "the generators you can make" },
    { "source", cmd_source, "source [NAME]", "the Python a catalogue entry mirrors" },
    { "new", cmd_new, "new NAME [ARGS]", "make one: g1 = NAME(ARGS)" },
    { "next", cmd_next, "next [gN]", "next(g): run to the next yield" },
    { "send", cmd_send, "send [gN] VALUE", "g.send(VALUE): VALUE becomes the yield's result" },
    { "throw", cmd_throw, "throw [gN] KIND [MSG]", "g.throw(KIND(MSG)) at the paused yield" },
    { "close", cmd_close, "close [gN]", "g.close(): GeneratorExit at the paused yield" },
    { "drain", cmd_drain, "drain [gN]", "for x in g: print(x)" },
    { "state", cmd_state, "state [gN]", "every field of struct gen, and the frame" },
    { "gens", cmd_gens, "gens", "the generators made so far" },
    { "use", cmd_use, "use gN", "make gN the current generator" },
    { "free", cmd_free, "free [gN]", "gen_free: close if suspended, then free" },
    { NULL, NULL, NULL, NULL },
};

void play_gen_context(char *buf, size_t n)
{
    if (cur >= 0 && slots[cur].g)
        snprintf(buf, n, "g%d %s", slots[cur].id, slots[cur].label);
    else
        buf[0] = '\0';
}

void play_gen_complete(void)
{
    const char *words[MAX_GENS + 40];
    char ids[MAX_GENS][8];
    int n = 0, nid = 0;

    for (int i = 0; i < nkinds && n < 40; i++)
        words[n++] = kinds[i].name;
    play_complete_line("new", words, n);
    play_complete_line("source", words, n);
    n = 0;
    for (int i = 0; i < nslots; i++)
        if (slots[i].g) {
            snprintf(ids[nid], sizeof ids[nid], "g%d", slots[i].id);
            words[n++] = ids[nid++];
        }
    play_complete_line("use", words, n);
    play_complete_line("state", words, n);
    play_complete_line("next", words, n);
    play_complete_line("close", words, n);
    play_complete_line("free", words, n);
    play_complete_line("drain", words, n);
    int k = play_exc_names(words + n, 30);
    play_complete_line("throw", words, n + k);
    static const char *const vals[] = { "None", "'CLOSE'" };
    for (int i = 0; i < 2; i++)
        words[n + i] = vals[i];
    play_complete_line("send", words, n + 2);
}

void play_gen_cleanup(void)
{
    /* Freed newest first; a suspended generator is closed by gen_free.
     * The probe must be gone by then: the body may still run. */
    for (int i = nslots - 1; i >= 0; i--) {
        if (!slots[i].g)
            continue;
        slots[i].g->body = slots[i].body;
        if (gen_state(slots[i].g) != GEN_RUNNING)
            gen_free(slots[i].g);
        slots[i].g = NULL;
    }
}

/* ---- the claims check (play.h) ------------------------------------------ */

static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fprintf(out, "\\%c", *c);
        else if (*c == '\n')
            fputs("\\n", out);
        else if (*c < 0x20)
            fprintf(out, "\\u%04x", *c);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}

void play_gen_claims(FILE *out)
{
    claiming = true;
    for (int i = 0; i < nkinds; i++) {
        const char *t = kinds[i].tries;
        while (t && *t) {
            char session[1024], cmds[1024], *save = NULL;
            size_t len = strcspn(t, "|");

            snprintf(session, sizeof session, "%.*s", (int)len, t);
            t += len + (t[len] == '|');
            play_gen_cleanup();
            nslots = 0;
            cur = -1;
            nsteps = 0;
            snprintf(cmds, sizeof cmds, "%s", session);
            for (char *c = strtok_r(cmds, ";", &save); c; c = strtok_r(NULL, ";", &save))
                play_run_line(c);
            fflush(stdout);
            fprintf(out, "{\"kind\": ");
            json_str(out, kinds[i].name);
            fprintf(out, ", \"session\": ");
            json_str(out, session);
            fprintf(out, ", \"source\": ");
            json_str(out, kinds[i].python);
            fprintf(out, ", \"steps\": [");
            for (int k = 0; k < nsteps; k++) {
                fprintf(out, "%s{\"python\": ", k ? ", " : "");
                json_str(out, steps[k].python);
                fprintf(out, ", \"answer\": ");
                json_str(out, steps[k].answer);
                fprintf(out, ", \"prints\": ");
                json_str(out, steps[k].prints);
                fprintf(out, "}");
            }
            fprintf(out, "]}\n");
        }
    }
    claiming = false;
    fflush(out);
}
