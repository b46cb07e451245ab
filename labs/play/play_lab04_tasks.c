/*
 * play_lab04_tasks.c - lab04's playground: tasks on an event loop, one
 * iteration at a time.
 *
 * `load` sets up one of the lab's example scenarios (examples/scenario.h,
 * linked in from the example's NAME.c, so each exists once) on a loop
 * with the virtual clock, running your future.c and task.c (or the
 * reference with --ref).  `step` runs one iteration (loop_run_once);
 * `show` prints every task (its state, what it awaits: a future or
 * another task), the ready queue and the timers.  Everything is read
 * from the public fields of struct task, struct future and the loop's
 * inspection functions: nothing here needs a back door.  The tasks are
 * found with task_all (the unfinished ones) and remembered, so a task
 * that finished stays on the list until the scenario is torn down.
 */
#include "play.h"

#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

#include "play_loop.h"
#include "task.h"

#define MAX_TASKS 64

static struct loop loop;
static bool have_loop;
static char scenario[32];
static struct task *seen[MAX_TASKS];     /* every task seen on the loop, in creation order */
static int nseen;
static int iteration;
static const struct example_scenario *loaded;   /* its teardown is due */

/* The examples link loop_spawn through a wrapper when an engine has
 * scenarios (labs/labs.mk); lab04's tasks need no wrapper: task_all
 * finds them. */
int __real_loop_spawn(struct loop *l, struct loop_runner *r, struct gen *g, loop_done_fn *done,
                      void *arg);
int __wrap_loop_spawn(struct loop *l, struct loop_runner *r, struct gen *g, loop_done_fn *done,
                      void *arg)
{
    return __real_loop_spawn(l, r, g, done, arg);
}

/* ---- the tasks ------------------------------------------------------------ */

/* Note the loop's unfinished tasks we have not seen yet (task_all gives
 * them in creation order; ids grow). */
static void remember(void)
{
    struct task *all[MAX_TASKS] = { NULL };
    size_t n = have_loop ? task_all(&loop, all, MAX_TASKS) : 0;

    /* (a task_all still to be written may say more than it stored) */
    for (size_t i = 0; i < n && i < MAX_TASKS && all[i]; i++) {
        bool known = false;
        for (int k = 0; k < nseen && !known; k++)
            known = seen[k] == all[i];
        if (!known && nseen < MAX_TASKS)
            seen[nseen++] = all[i];
    }
}

static struct task *task_at_address(const void *p)
{
    for (int i = 0; i < nseen; i++)
        if ((const void *)seen[i] == p)
            return seen[i];
    return NULL;
}

/* "Task-2 (work #2)": the name, and the identity that tells two tasks
 * of the same name (or coroutine) apart. */
static const char *who(const struct task *t, char *buf, size_t n)
{
    char name[32];

    snprintf(buf, n, "%s (%s, #%u)", task_name(t, name, sizeof name),
             t->coro ? t->coro->name : "?", (unsigned)t->id);
    return buf;
}

/* A timer whose argument holds fut close by: task_sleep's frame keeps its
 * future and hands the frame to loop_call_later (future.h, task.h). */
static const struct loop_handle *timer_of(const struct future *fut)
{
    for (size_t i = 0; i < loop_timer_count(&loop); i++) {
        const struct loop_handle *h = loop_timer_at(&loop, i);
        if (h && !h->cancelled && h->arg && (const char *)fut >= (const char *)h->arg &&
            (const char *)fut < (const char *)h->arg + 256)
            return h;
    }
    return NULL;
}

/* What t awaits, in a sentence. */
static const char *awaits(const struct task *t, char *buf, size_t n)
{
    struct future *fut = task_awaiting(t);
    char w[96], e[CO_EXC_FORMAT_MAX], v[CO_REPR_MAX];

    if (future_done(&t->fut)) {
        if (future_cancelled(&t->fut))
            snprintf(buf, n, "cancelled%s%s", t->fut.outcome.msg && *t->fut.outcome.msg
                     ? ": " : "", t->fut.outcome.msg ? t->fut.outcome.msg : "");
        else if (co_exc_is(&t->fut.outcome, CO_STOP_ITERATION))
            snprintf(buf, n, "returned %s", co_value_repr(t->fut.outcome.value, v, sizeof v));
        else
            snprintf(buf, n, "raised %s", co_exc_format(&t->fut.outcome, e, sizeof e));
        return buf;
    }
    if (t->stepping) {
        snprintf(buf, n, "running (its step is on the stack)");
        return buf;
    }
    if (!fut) {
        snprintf(buf, n, "ready: its next step is queued%s",
                 t->must_cancel ? ", and will throw CancelledError in" : "");
        return buf;
    }
    struct task *other = task_of_future(fut);
    if (other) {
        snprintf(buf, n, "awaits task %s: %s", who(other, w, sizeof w),
                 future_state_name(future_state(fut)));
        return buf;
    }
    const struct loop_handle *h = timer_of(fut);
    if (h)
        snprintf(buf, n, "awaits a future (%s) that a timer sets at t=%g: sleep",
                 future_state_name(future_state(fut)), h->when);
    else
        snprintf(buf, n, "awaits a future (%s, %u callback%s)",
                 future_state_name(future_state(fut)), (unsigned)fut->n_callbacks,
                 fut->n_callbacks == 1 ? "" : "s");
    return buf;
}

static void show_tasks(void)
{
    size_t live = have_loop ? task_all(&loop, NULL, 0) : 0;

    remember();
    printf("  %stasks%s (%d; ", play_c(P_BOLD), play_c(P_OFF), nseen);
    if (live <= (size_t)nseen)
        printf("all_tasks lists the %zu not done):", live);
    else
        printf("task_all says %zd%s):", (ssize_t)live, play_todo_hint("task.c"));
    if (nseen == 0)
        printf(" none");
    printf("\n");
    for (int i = 0; i < nseen; i++) {
        struct task *t = seen[i];
        char w[96], a[256];
        printf("    %-26s %-9s %-13s %s%s%s%s\n", who(t, w, sizeof w),
               future_state_name(future_state(&t->fut)), gen_state_name(gen_state(t->coro)),
               awaits(t, a, sizeof a), t->cancels ? "  " : "", play_c(P_DIM),
               t->cancels ? "(cancelling)" : "");
        printf("%s", play_c(P_OFF));
    }
}

/* ---- the loop's queues ----------------------------------------------------- */

/* A handle by what it is for: a task's step (arg is the task), a future's
 * done callbacks (arg is the future: a task's own when it is done), or a
 * sleep's timer; else its name. */
static const char *handle_name(const struct loop_handle *h, char *buf, size_t n)
{
    char w[96];
    struct task *t = task_at_address(h->arg);

    if (h->name) {
        snprintf(buf, n, "%s", h->name);
    } else if (t && future_done(&t->fut) && t->fut.n_scheduled) {
        snprintf(buf, n, "done callbacks of %s", who(t, w, sizeof w));
    } else if (t) {
        snprintf(buf, n, "step of %s", who(t, w, sizeof w));
    } else {
        for (int i = 0; i < nseen; i++) {
            struct future *fut = seen[i]->awaiting;
            if (fut && (void *)fut == h->arg) {
                snprintf(buf, n, "done callback of the future %s awaits: wakes it",
                         who(seen[i], w, sizeof w));
                return buf;
            }
            if (fut && h->kind == LOOP_HANDLE_TIMER && timer_of(fut) == h) {
                snprintf(buf, n, "sleep of %s: sets its future", who(seen[i], w, sizeof w));
                return buf;
            }
        }
        snprintf(buf, n, "(a callback)");
    }
    return buf;
}

static void show_all(void)
{
    printf("  %stime%s t=%g   (%d iteration%s stepped here)%s\n", play_c(P_BOLD), play_c(P_OFF),
           loop_time(&loop), iteration, iteration == 1 ? "" : "s",
           loop_is_closed(&loop) ? "   (closed)" : "");
    show_tasks();
    play_loop_show_ready(&loop, handle_name);
    play_loop_show_timers(&loop, handle_name);
}

/* ---- the loop's life ---------------------------------------------------------- */

static void teardown(void)
{
    if (have_loop)
        loop_close(&loop);
    if (loaded)
        loaded->teardown();       /* frees the scenario's tasks, on a closed loop */
    if (have_loop)
        loop_destroy(&loop);
    have_loop = false;
    loaded = NULL;
    nseen = 0;
    iteration = 0;
}

static bool need_loop(void)
{
    if (!have_loop)
        play_error("no loop yet: `load NAME` (`scenarios` lists them).");
    return have_loop;
}

#define NSCENARIOS play_examples_count()

/* ---- commands ------------------------------------------------------------------ */

static void cmd_scenarios(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    printf("Scenarios (`load NAME`):\n");
    for (int i = 0; i < NSCENARIOS; i++)
        printf("  %s%-16s%s %s\n", play_c(P_BOLD), play_example_at(i)->name,
               play_c(P_OFF), play_example_at(i)->about);
}

static void cmd_load(int argc, char **argv, const char *rest)
{
    (void)rest;
    if (argc < 2) {
        play_error("load NAME (`scenarios` lists them).");
        return;
    }
    for (int i = 0; i < NSCENARIOS; i++) {
        const struct example_scenario *s = play_example_at(i);
        if (strcmp(s->name, argv[1]) != 0)
            continue;
        teardown();
        int r = loop_init(&loop, LOOP_CLOCK_VIRTUAL);
        if (r != CO_OK) {
            play_error("loop_init: %s", co_errname(r));
            return;
        }
        have_loop = true;
        snprintf(scenario, sizeof scenario, "%s", s->name);
        loaded = s;
        play_loop_loaded(s, s->setup(&loop), "task.c");
        show_all();
        return;
    }
    play_error("there is no scenario \"%s\" (`scenarios` lists them).", argv[1]);
}

static void cmd_step(int argc, char **argv, const char *rest)
{
    (void)rest;
    /* a task made in a step is noted before the next one */
    if (need_loop() && play_loop_step_cmd(argc, argv, &loop, &iteration, remember, "task.c"))
        show_all();
}

static void cmd_run(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (!need_loop())
        return;
    remember();
    play_loop_run(&loop, "task.c");
    show_all();
}

static void cmd_show(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (need_loop())
        show_all();
}

static void cmd_tasks(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (need_loop())
        show_tasks();
}

static void cmd_ready(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (need_loop())
        play_loop_show_ready(&loop, handle_name);
}

static void cmd_timers(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (need_loop())
        play_loop_show_timers(&loop, handle_name);
}

/* cancel NAME: Task.cancel() on the task of that name ("Task-2") or id ("#2") */
static void cmd_cancel(int argc, char **argv, const char *rest)
{
    (void)rest;
    if (!need_loop())
        return;
    if (argc < 2) {
        play_error("cancel TASK: a task's name (Task-2) or #id (see `tasks`).");
        return;
    }
    remember();
    for (int i = 0; i < nseen; i++) {
        char name[32], w[96];
        struct task *t = seen[i];
        if (strcmp(task_name(t, name, sizeof name), argv[1]) != 0 &&
            !(argv[1][0] == '#' && strtoul(argv[1] + 1, NULL, 10) == t->id))
            continue;
        bool r = task_cancel(t, NULL);
        printf("  task_cancel(%s) = %s\n", who(t, w, sizeof w), r ? "true" : "false");
        if (r)
            printf("  %s\n", t->awaiting ? "it waits for a future: that future is cancelled, and "
                   "its wake-up will throw CancelledError in"
                   : "CancelledError will be thrown in at its next step");
        return;
    }
    play_error("no task named \"%s\" (see `tasks`).", argv[1]);
}

static const struct play_cmd cmds[] = {
    { "scenarios", cmd_scenarios, "scenarios", "the scenarios you can load" },
    { "load", cmd_load, "load NAME", "a fresh loop with that scenario's tasks created" },
    { "step", cmd_step, "step [N]", "run one iteration (loop_run_once), or N" },
    { "run", cmd_run, "run", "loop_run_forever: until nothing is left (or loop_stop)" },
    { "show", cmd_show, "show", "time, tasks, ready queue, timers" },
    { "tasks", cmd_tasks, "tasks", "every task: state, coroutine, what it awaits" },
    { "ready", cmd_ready, "ready", "the ready queue, in order" },
    { "timers", cmd_timers, "timers", "the timers, in the order they fire" },
    { "cancel", cmd_cancel, "cancel TASK", "task_cancel (Task.cancel()) by name or #id" },
    { NULL, NULL, NULL, NULL },
};

static void intro(void)
{
    printf("%slab04 playground%s: tasks on a loop with a virtual clock, one iteration at a "
           "time.\n", play_c(P_BOLD), play_c(P_OFF));
    printf("Try:  load async_cancel   step 2   cancel Task-3   step      load say_after   "
           "step   step   step\n");
    printf("`scenarios` lists the scenarios, `help` the commands, `quit` leaves.\n");
}

static void context(char *buf, size_t n)
{
    if (have_loop)
        snprintf(buf, n, "%s t=%g", scenario, loop_time(&loop));
    else
        buf[0] = '\0';
}

static void complete(void)
{
    const char *words[MAX_TASKS];
    static char names[MAX_TASKS][32];
    int n = 0;

    for (int i = 0; i < NSCENARIOS && n < MAX_TASKS; i++)
        words[n++] = play_example_at(i)->name;
    play_complete_line("load", words, n);
    n = 0;
    for (int i = 0; i < nseen; i++)
        words[n++] = task_name(seen[i], names[i], sizeof names[i]);
    play_complete_line("cancel", words, n);
}

const struct play_lab play_lab = {
    .title = "lab04_tasks playground: tasks on the loop, one iteration at a time",
    .intro = intro,
    .cmds = cmds,
    .context = context,
    .complete = complete,
    .cleanup = teardown,
};
