/*
 * play_lab03_eventloop.c - lab03's playground: an event loop, one
 * iteration at a time.
 *
 * `load` sets up one of the lab's example scenarios on a loop with the
 * virtual clock (your loop.c, or the reference with --ref): the example's
 * own setup (examples/scenario.h), linked in from its NAME.c, so each
 * scenario exists once.  Its tasks are seen through a wrapper of
 * loop_spawn (the linker's --wrap, see labs/labs.mk).  `step` runs
 * one iteration (loop_run_once) and shows what ran; `ready`, `timers`,
 * `tasks` and `time` look inside through loop.h's inspection functions.
 * `soon`, `later` and `at` add callbacks of your own; `cancel` cancels
 * one.  The loop's fields are public, so nothing here needs a back door.
 */
#include "play.h"

#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "loop.h"
#include "play_loop.h"

#define MAX_CBS 64
#define MAX_TASKS 16

/* A named callback that prints a line: hello('Tom'). */
struct cb {
    char name[24];             /* the handle's name, and what cancel looks for */
    char text[64];
    struct loop_handle *h;     /* claim check: NULL once it ran or was cancelled */
    int ran;
    enum { CB_SAY, CB_STOP, CB_SOON } what;
};

/* A generator the loop drives (a "task" before lab04 has tasks): one
 * spawned here (own: its runner is `own`, its generator freed here) or
 * by an example's setup (the example owns both). */
struct task {
    char name[24];
    struct gen *g;
    struct loop_runner *r;
    struct loop_runner own;
    bool mine;
    bool spawned;
};

static struct cb cbs[MAX_CBS];
static int ncbs;
static struct task tasks[MAX_TASKS];
static int ntasks;

/* ---- callbacks ---------------------------------------------------------- */

static void say(const char *who, const char *text)
{
    printf("    %st=%-5g%s [%s] %s\n", play_c(P_CYAN), loop_time(&play_loop), play_c(P_OFF), who, text);
}

static struct cb *cb_new(const char *name, const char *text);

static void cb_run(struct loop *l, void *arg)
{
    struct cb *c = arg;

    c->h = NULL;           /* the claim check expires as it runs */
    c->ran++;
    switch (c->what) {
    case CB_SAY:
        say(c->name, c->text);
        break;
    case CB_STOP:
        say(c->name, "loop_stop(): the loop stops after this iteration");
        loop_stop(l);
        break;
    case CB_SOON: {
        /* schedules another callback while the iteration runs: it waits
         * for the next iteration */
        struct cb *d = cb_new("later_one", "I was scheduled during the previous iteration");
        say(c->name, "calls loop_call_soon(later_one): it runs in the NEXT iteration");
        if (d) {
            int r = loop_call_soon(l, cb_run, d, &d->h);
            if (r == CO_OK && d->h)
                d->h->name = d->name;
            else
                say(c->name, co_errname(r));
        }
        break;
    }
    }
}

static struct cb *cb_new(const char *name, const char *text)
{
    if (ncbs >= MAX_CBS) {
        play_error("that is a lot of callbacks: `load` a scenario to start again.");
        return NULL;
    }
    struct cb *c = &cbs[ncbs++];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    snprintf(c->text, sizeof c->text, "%s", text);
    c->what = CB_SAY;
    return c;
}

/* Schedule c: when < 0 means call_soon; else call_at(when). */
static int schedule(struct cb *c, double when, bool later, double delay)
{
    int r;

    if (later)
        r = loop_call_later(&play_loop, delay, cb_run, c, &c->h);
    else if (when >= 0)
        r = loop_call_at(&play_loop, when, cb_run, c, &c->h);
    else
        r = loop_call_soon(&play_loop, cb_run, c, &c->h);
    if (r == CO_OK && c->h)
        c->h->name = c->name;      /* loop.h: you may name a handle right after scheduling */
    if (r != CO_OK)
        play_error("scheduling %s: %s%s", c->name, co_errname(r),
                   r == CO_ENOSYS ? play_todo_hint("loop.c") : "");
    return r;
}

/* ---- tasks: generators the loop drives ----------------------------------- */

struct work_frame {
    double t;
    const char *name;
    char line[64];
    struct loop_request req;
    int stops_loop;            /* run_forever: the body stops the loop */
};

/* async def work(t, name): print start; await sleep(t); print stop */
static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    say(f->name, "start");
    GEN_YIELD(g, loop_sleep(&f->req, f->t));
    snprintf(f->line, sizeof f->line, "stop, after %gs", f->t);
    say(f->name, f->line);
    if (f->stops_loop) {
        say(f->name, "loop_stop()");
        loop_stop(&play_loop);
    }
    GEN_END(g);
}

static void task_done(struct loop *l, struct loop_runner *r, void *arg)
{
    struct task *t = arg;
    char e[CO_EXC_FORMAT_MAX];

    (void)l;
    say(t->name, r->result.kind == CO_STOP_ITERATION ? "finished (done callback)"
                                                     : co_exc_format(&r->result, e, sizeof e));
}

static void task_done_stop(struct loop *l, struct loop_runner *r, void *arg)
{
    task_done(l, r, arg);
    say(((struct task *)arg)->name, "its done callback calls loop_stop()");
    loop_stop(l);
}

/* A task's entry, under a name no other task has ("task", "task2"). */
static struct task *task_entry(const char *name)
{
    if (ntasks >= MAX_TASKS)
        return NULL;
    struct task *t = &tasks[ntasks++];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    for (int k = 2, i = 0; i < ntasks - 1; i++)
        if (strcmp(tasks[i].name, t->name) == 0) {
            snprintf(t->name, sizeof t->name, "%.12s%d", name, k++);
            i = -1;
        }
    return t;
}

/* Every loop_spawn made outside this file (an example's setup) goes
 * through here: noted as a task, then done as asked. */
int __real_loop_spawn(struct loop *l, struct loop_runner *r, struct gen *g, loop_done_fn *done,
                      void *arg);
int __wrap_loop_spawn(struct loop *l, struct loop_runner *r, struct gen *g, loop_done_fn *done,
                      void *arg)
{
    int rc = __real_loop_spawn(l, r, g, done, arg);
    struct task *t = g ? task_entry(g->name) : NULL;
    if (t) {
        t->g = g;
        t->r = r;
        t->spawned = rc == CO_OK;
    }
    return rc;
}

static struct task *spawn(const char *name, struct gen *g, bool stop_when_done)
{
    struct task *t = g ? task_entry(name) : NULL;
    if (!t) {
        play_error("could not make %s", name);
        gen_free(g);
        return NULL;
    }
    t->g = g;
    t->mine = true;
    t->r = &t->own;
    int r = __real_loop_spawn(&play_loop, t->r, g, stop_when_done ? task_done_stop : task_done, t);
    t->spawned = r == CO_OK;
    if (r != CO_OK)
        play_error("loop_spawn(%s): %s%s", name, co_errname(r),
                   r == CO_ENOSYS ? play_todo_hint("loop.c") : "");
    return t;
}

static struct task *spawn_work(const char *name, double t, bool stop_when_done, bool stops_loop)
{
    struct gen *g = gen_new(name, work_body, sizeof(struct work_frame));
    if (g) {
        struct work_frame *f = gen_frame(g);
        f->t = t;
        f->name = name;
        f->stops_loop = stops_loop;
    }
    return spawn(name, g, stop_when_done);
}

/* ---- the loop's life ----------------------------------------------------- */

/* What this file made for the loaded scenario: dropped once the loop is
 * closed (play_loop_lab.forget). */
static void forget(void)
{
    for (int i = 0; i < ntasks; i++)
        if (tasks[i].mine)
            gen_free(tasks[i].g);
    ntasks = 0;
    ncbs = 0;
}

/* ---- scenarios ------------------------------------------------------------- */

static void sc_soon_order(void)
{
    const char *names[] = { "first", "second", "third" };
    for (int i = 0; i < 3; i++) {
        struct cb *c = cb_new(names[i], i == 1 ? "" : "runs in iteration 1");
        if (!c)
            return;
        if (i == 1)
            c->what = CB_SOON;
        schedule(c, -1, false, 0);
    }
}


static int sc_soon_order_setup(struct loop *l)
{
    (void)l;
    sc_soon_order();
    return CO_OK;
}

static int sc_empty_setup(struct loop *l)
{
    (void)l;
    return CO_OK;
}

static void sc_none(void)
{
}

/* The playground's own, after the examples'. */
static const struct example_scenario own[] = {
    { "soon_order", "call_soon from inside a callback: the next iteration", sc_soon_order_setup,
      sc_none },
    { "empty", "an empty loop: add your own with soon / later / at", sc_empty_setup, sc_none },
};

/* ---- looking inside ---------------------------------------------------------- */

static const char *handle_name(const struct loop_handle *h, char *buf, size_t n)
{
    if (h->name) {
        snprintf(buf, n, "%s", h->name);
        return buf;
    }
    for (int i = 0; i < ntasks; i++)
        if (tasks[i].r && tasks[i].r->step == h) {
            snprintf(buf, n, "%s (next step)", tasks[i].name);
            return buf;
        }
    snprintf(buf, n, "(unnamed)");
    return buf;
}


static void show_tasks(void)
{
    printf("  %stasks%s (generators the loop drives):", play_c(P_BOLD), play_c(P_OFF));
    if (ntasks == 0)
        printf(" none");
    printf("\n");
    for (int i = 0; i < ntasks; i++) {
        struct task *t = &tasks[i];
        struct loop_runner *r = t->r;
        char what[128], e[CO_EXC_FORMAT_MAX];
        if (!t->spawned)
            snprintf(what, sizeof what, "not spawned (loop_spawn failed)");
        else if (r->finished && r->result.kind == CO_STOP_ITERATION)
            snprintf(what, sizeof what, "finished: returned");
        else if (r->finished)
            snprintf(what, sizeof what, "finished: raised %s",
                     co_exc_format(&r->result, e, sizeof e));
        else if (r->waiting == LOOP_WAIT_SLEEP)
            snprintf(what, sizeof what, "awaits sleep: wakes at t=%g (a timer)", r->wake);
        else if (r->waiting == LOOP_WAIT_READABLE)
            snprintf(what, sizeof what, "awaits fd %d readable (a reader)", r->fd);
        else if (r->waiting == LOOP_WAIT_WRITABLE)
            snprintf(what, sizeof what, "awaits fd %d writable (a writer)", r->fd);
        else
            snprintf(what, sizeof what, "ready: its next step is queued");
        printf("    %-8s %-13s %s  %s(%lu step%s)%s\n", t->name,
               gen_state_name(gen_state(t->g)), what, play_c(P_DIM), r->steps,
               r->steps == 1 ? "" : "s", play_c(P_OFF));
    }
}

static void show_io(void)
{
    size_t n = loop_io_count(&play_loop);
    if (n == 0)
        return;
    printf("  %sdescriptors%s (%zu):\n", play_c(P_BOLD), play_c(P_OFF), n);
    for (size_t i = 0; i < n; i++) {
        const struct loop_io *io = loop_io_at(&play_loop, i);
        if (io)
            printf("    fd %d%s%s\n", io->fd, io->reader ? "  reader" : "", io->writer ? "  writer" : "");
    }
}

static void show_all(void)
{
    printf("  %stime%s t=%g   (%d iteration%s stepped here)%s%s%s\n", play_c(P_BOLD), play_c(P_OFF),
           loop_time(&play_loop), play_iteration, play_iteration == 1 ? "" : "s", loop_is_closed(&play_loop) ? "   (closed)" : "",
           play_loop.stopping ? "   (stopping)" : "", loop_check(&play_loop) ? "" : "   INVARIANTS BROKEN (loop_check)");
    play_loop_show_ready(&play_loop, handle_name);
    play_loop_show_timers(&play_loop, handle_name);
    show_io();
    show_tasks();
}

/* ---- commands ------------------------------------------------------------------ */

static void cmd_time(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (play_loop_need())
        printf("  loop_time() = %g   (the virtual clock)\n", loop_time(&play_loop));
}

static void cmd_cancel(int argc, char **argv, const char *rest)
{
    (void)rest;
    if (!play_loop_need())
        return;
    if (argc < 2) {
        play_error("cancel NAME: a callback (see `ready`, `timers`) or a task (see `tasks`).");
        return;
    }
    for (int i = ncbs - 1; i >= 0; i--) {
        if (strcmp(cbs[i].name, argv[1]) != 0)
            continue;
        if (!cbs[i].h) {
            play_error("%s has %s: nothing to cancel.", cbs[i].name,
                       cbs[i].ran ? "run already" : "no pending handle");
            return;
        }
        int r = loop_handle_cancel(cbs[i].h);
        printf("  loop_handle_cancel(%s) = %s\n", cbs[i].name, co_errname(r));
        if (r == CO_OK) {
            cbs[i].h = NULL;       /* ground rule 1: forget the handle */
            printf("  it will never run; it stays queued until the loop reaches it.\n");
        }
        return;
    }
    /* a handle an example named (loop.h lets it), still held by the loop */
    for (size_t i = 0; i < loop_ready_count(&play_loop) + loop_timer_count(&play_loop); i++) {
        size_t nr = loop_ready_count(&play_loop);
        struct loop_handle *h = (struct loop_handle *)(i < nr ? loop_ready_at(&play_loop, i)
                                                             : loop_timer_at(&play_loop, i - nr));
        if (!h || !h->name || strcmp(h->name, argv[1]) != 0 || h->cancelled)
            continue;
        int r = loop_handle_cancel(h);
        printf("  loop_handle_cancel(%s) = %s\n", argv[1], co_errname(r));
        if (r == CO_OK)
            printf("  it will never run; it stays queued until the loop reaches it.\n");
        return;
    }
    for (int i = 0; i < ntasks; i++) {
        if (strcmp(tasks[i].name, argv[1]) != 0)
            continue;
        struct loop_runner *r = tasks[i].r;
        if (!r || r->finished || !r->step) {
            play_error("%s has %s.", tasks[i].name,
                       r->finished ? "finished" : "no pending step handle (it waits on a descriptor)");
            return;
        }
        int rc = loop_handle_cancel(r->step);
        printf("  loop_handle_cancel(%s's next step) = %s\n", tasks[i].name, co_errname(rc));
        if (rc == CO_OK)
            printf("  %s will never be resumed: in lab03 a task has no cancel of its own.  lab04's "
                   "Task.cancel() throws CancelledError into it instead, so it can clean up.\n",
                   tasks[i].name);
        return;
    }
    play_error("no callback or task named \"%s\".", argv[1]);
}

/* soon NAME [TEXT] / later DELAY NAME [TEXT] / at WHEN NAME [TEXT] */
static void add_cb(int argc, char **argv, const char *rest, int kind)
{
    long long dummy;
    double t = 0;
    int i = 1;
    char err[160];
    struct co_value v;

    (void)dummy;
    if (!play_loop_need())
        return;
    if (kind != 0) {
        if (argc < 3 || play_parse_value(argv[1], &v, err, sizeof err) != 0 ||
            (v.kind != CO_INT && v.kind != CO_FLOAT)) {
            play_error("%s SECONDS NAME [TEXT]", kind == 1 ? "later" : "at");
            return;
        }
        t = v.kind == CO_INT ? (double)v.as.i : v.as.f;
        i = 2;
    } else if (argc < 2) {
        play_error("soon NAME [TEXT]");
        return;
    }
    const char *text = strstr(rest, argv[i]);
    text = text ? text + strlen(argv[i]) : "";
    while (*text == ' ')
        text++;
    struct cb *c = cb_new(argv[i], *text ? text : "hello");
    if (!c)
        return;
    if (strcmp(text, "stop") == 0)
        c->what = CB_STOP;
    int r = kind == 0 ? schedule(c, -1, false, 0) : kind == 1 ? schedule(c, 0, true, t)
                                                               : schedule(c, t, false, 0);
    if (r == CO_OK)
        printf("  scheduled %s%s\n", c->name,
               kind == 0 ? " at the end of the ready queue"
               : kind == 1 ? " as a timer (delay from now)" : " as a timer (absolute time)");
}

static void cmd_soon(int argc, char **argv, const char *rest)
{
    add_cb(argc, argv, rest, 0);
}

static void cmd_later(int argc, char **argv, const char *rest)
{
    add_cb(argc, argv, rest, 1);
}

static void cmd_at(int argc, char **argv, const char *rest)
{
    add_cb(argc, argv, rest, 2);
}

static void cmd_stop(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (!play_loop_need())
        return;
    loop_stop(&play_loop);
    printf("  loop_stop(): the next run_forever runs exactly one iteration.\n");
}

static void cmd_spawn(int argc, char **argv, const char *rest)
{
    struct co_value v;
    char err[160];

    (void)rest;
    if (!play_loop_need())
        return;
    if (argc < 3 || play_parse_value(argv[2], &v, err, sizeof err) != 0 ||
        (v.kind != CO_INT && v.kind != CO_FLOAT)) {
        play_error("spawn NAME SECONDS: a task that prints, sleeps SECONDS, prints again.");
        return;
    }
    static char names[MAX_TASKS][24];
    snprintf(names[ntasks < MAX_TASKS ? ntasks : 0], sizeof names[0], "%s", argv[1]);
    struct task *t = spawn_work(names[ntasks < MAX_TASKS ? ntasks : 0],
                                v.kind == CO_INT ? (double)v.as.i : v.as.f, false, false);
    if (t && t->spawned)
        printf("  spawned %s: its first step is queued like a call_soon.\n", t->name);
}

const struct play_loop_lab play_loop_lab = {
    .file = "loop.c",
    .no_loop = ", or `load empty`",
    .own = own,
    .nown = (int)(sizeof own / sizeof own[0]),
    .forget = forget,
    .show_all = show_all,
    .show_tasks = show_tasks,
    .handle_name = handle_name,
};

static const struct play_cmd cmds[] = {
    PLAY_LOOP_CMDS("a fresh loop with that scenario set up",
                   "time, ready queue, timers, descriptors, tasks", "the tasks, and what each awaits"),
    { "time", cmd_time, "time", "the loop's clock" },
    { "cancel", cmd_cancel, "cancel NAME", "cancel a callback, or a task's next step" },
    { "soon", cmd_soon, "soon NAME [TEXT]", "loop_call_soon a callback printing TEXT" },
    { "later", cmd_later, "later DELAY NAME [TEXT]", "loop_call_later (TEXT stop: loop_stop)" },
    { "at", cmd_at, "at WHEN NAME [TEXT]", "loop_call_at" },
    { "spawn", cmd_spawn, "spawn NAME SECONDS", "a task: print, sleep SECONDS, print" },
    { "stop", cmd_stop, "stop", "loop_stop()" },
    { NULL, NULL, NULL, NULL },
};

static void intro(void)
{
    printf("%slab03 playground%s: an event loop on a virtual clock, one iteration at a time.\n",
           play_c(P_BOLD), play_c(P_OFF));
    printf("Try:  load call_later   step   step   timers   step   run      load soon_order   step   step\n");
    printf("`scenarios` lists the scenarios, `help` the commands, `quit` leaves.\n");
}

static void complete(void)
{
    const char *words[MAX_CBS + MAX_TASKS + 64];
    int n = 0;

    play_loop_complete_load();
    for (int i = 0; i < ncbs; i++)
        if (cbs[i].h)
            words[n++] = cbs[i].name;
    for (int i = 0; i < ntasks; i++)
        words[n++] = tasks[i].name;
    if (play_have_loop)
        for (size_t i = 0; i < loop_ready_count(&play_loop) + loop_timer_count(&play_loop) &&
                           n < MAX_CBS + MAX_TASKS; i++) {
            size_t nr = loop_ready_count(&play_loop);
            const struct loop_handle *h = i < nr ? loop_ready_at(&play_loop, i)
                                                 : loop_timer_at(&play_loop, i - nr);
            bool ours = false;
            for (int k = 0; h && h->name && k < ncbs; k++)
                ours = ours || h->name == cbs[k].name;
            if (h && h->name && !ours && !h->cancelled)
                words[n++] = h->name;
        }
    play_complete_line("cancel", words, n);
}

const struct play_lab play_lab = {
    .title = "lab03_eventloop playground: the loop, one iteration at a time",
    .intro = intro,
    .cmds = cmds,
    .context = play_loop_context,
    .complete = complete,
    .cleanup = play_loop_teardown,
};
