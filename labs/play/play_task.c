/* play_task.c - the tasks' part of the playgrounds (see play_task.h).
 * Compiled into every engine's library; only an engine of a lab with
 * tasks links it, and only a tree with lab04 compiles it. */
#if __has_include("task.h")
#include "play_task.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "play_loop.h"

#define MAX_TASKS 64

static struct task *seen[MAX_TASKS];     /* every task seen on the loop, in creation order */
static int nseen;

/* Every task_free made outside task.c (a scenario's teardown, a gather
 * freeing its children, a wait_for its inner task) goes through here
 * (the linker's --wrap, labs/labs.mk): a freed task leaves the list. */
int __real_task_free(struct task *t);
int __wrap_task_free(struct task *t);
int __wrap_task_free(struct task *t)
{
    int r = __real_task_free(t);

    for (int i = 0; r == CO_OK && t && i < nseen; i++)
        if (seen[i] == t) {      /* its address only: t is freed */
            memmove(&seen[i], &seen[i + 1], (size_t)(nseen - i - 1) * sizeof seen[0]);
            nseen--;
            break;
        }
    return r;
}

/* The examples link loop_spawn through a wrapper when an engine has
 * scenarios (labs/labs.mk); the tasks need no wrapper: task_all finds
 * them. */
int __real_loop_spawn(struct loop *l, struct loop_runner *r, struct gen *g, loop_done_fn *done,
                      void *arg);
int __wrap_loop_spawn(struct loop *l, struct loop_runner *r, struct gen *g, loop_done_fn *done,
                      void *arg);
int __wrap_loop_spawn(struct loop *l, struct loop_runner *r, struct gen *g, loop_done_fn *done,
                      void *arg)
{
    return __real_loop_spawn(l, r, g, done, arg);
}

void play_task_forget(void)
{
    struct task *left[MAX_TASKS] = { NULL };
    size_t n = play_have_loop ? task_all(&play_loop, left, MAX_TASKS) : 0;

    /* what the scenario left unfinished on its closed loop (asyncio.run
     * frees them too): else the next scenario's loop, at the same
     * address, would still list them */
    for (size_t i = 0; i < n && i < MAX_TASKS && left[i]; i++)
        task_free(left[i]);
    nseen = 0;
}

int play_task_count(void)
{
    return nseen;
}

struct task *play_task_at(int i)
{
    return i >= 0 && i < nseen ? seen[i] : NULL;
}

struct task *play_task_awaiting(const struct future *fut)
{
    for (int i = 0; fut && i < nseen; i++)
        if (!future_done(&seen[i]->fut) && seen[i]->awaiting == fut)
            return seen[i];
    return NULL;
}

void play_task_complete(void)
{
    const char *words[MAX_TASKS];
    static char names[MAX_TASKS][32];
    int n = 0;

    play_loop_complete_load();
    for (int i = 0; i < nseen; i++)
        words[n++] = task_name(seen[i], names[i], sizeof names[i]);
    play_complete_line("cancel", words, n);
}

/* ---- the tasks ------------------------------------------------------------ */

/* Note the loop's unfinished tasks we have not seen yet (task_all gives
 * them in creation order; ids grow). */
void play_task_remember(void)
{
    struct task *all[MAX_TASKS] = { NULL };
    size_t n = play_have_loop ? task_all(&play_loop, all, MAX_TASKS) : 0;

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
const char *play_task_who(const struct task *t, char *buf, size_t n)
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
    for (size_t i = 0; i < loop_timer_count(&play_loop); i++) {
        const struct loop_handle *h = loop_timer_at(&play_loop, i);
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
    if (play_task_awaits_more && play_task_awaits_more(t, fut, buf, n))
        return buf;
    struct task *other = task_of_future(fut);
    if (other) {
        snprintf(buf, n, "awaits task %s: %s", play_task_who(other, w, sizeof w),
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

void play_task_show(void)
{
    size_t live = play_have_loop ? task_all(&play_loop, NULL, 0) : 0;

    play_task_remember();
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
        printf("    %-26s %-9s %-13s %s%s%s%s\n", play_task_who(t, w, sizeof w),
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
const char *play_task_handle_name(const struct loop_handle *h, char *buf, size_t n)
{
    char w[96];
    struct task *t = task_at_address(h->arg);

    if (h->name) {
        snprintf(buf, n, "%s", h->name);
    } else if (t && future_done(&t->fut) && t->fut.n_scheduled) {
        snprintf(buf, n, "done callbacks of %s", play_task_who(t, w, sizeof w));
    } else if (t) {
        snprintf(buf, n, "step of %s", play_task_who(t, w, sizeof w));
    } else {
        for (int i = 0; i < nseen; i++) {
            struct future *fut = seen[i]->awaiting;
            if (fut && (void *)fut == h->arg) {
                snprintf(buf, n, "done callback of the future %s awaits: wakes it",
                         play_task_who(seen[i], w, sizeof w));
                return buf;
            }
            if (fut && h->kind == LOOP_HANDLE_TIMER && timer_of(fut) == h) {
                snprintf(buf, n, "sleep of %s: sets its future", play_task_who(seen[i], w, sizeof w));
                return buf;
            }
        }
        snprintf(buf, n, "(a callback)");
    }
    return buf;
}

void play_task_show_all(void)
{
    printf("  %stime%s t=%g   (%d iteration%s stepped here)%s\n", play_c(P_BOLD), play_c(P_OFF),
           loop_time(&play_loop), play_iteration, play_iteration == 1 ? "" : "s",
           loop_is_closed(&play_loop) ? "   (closed)" : "");
    play_task_show();
    if (play_task_show_more)
        play_task_show_more();
    play_loop_show_ready(&play_loop, play_task_handle_name);
    play_loop_show_timers(&play_loop, play_task_handle_name);
}

/* cancel NAME: Task.cancel() on the task of that name ("Task-2") or id ("#2") */
void play_task_cmd_cancel(int argc, char **argv, const char *rest)
{
    (void)rest;
    if (!play_loop_need())
        return;
    if (argc < 2) {
        play_error("cancel TASK: a task's name (Task-2) or #id (see `tasks`).");
        return;
    }
    play_task_remember();
    for (int i = 0; i < nseen; i++) {
        char name[32], w[96];
        struct task *t = seen[i];
        if (strcmp(task_name(t, name, sizeof name), argv[1]) != 0 &&
            !(argv[1][0] == '#' && strtoul(argv[1] + 1, NULL, 10) == t->id))
            continue;
        bool r = task_cancel(t, NULL);
        printf("  task_cancel(%s) = %s\n", play_task_who(t, w, sizeof w), r ? "true" : "false");
        if (r)
            printf("  %s\n", t->awaiting ? "it waits for a future: that future is cancelled, and "
                   "its wake-up will throw CancelledError in"
                   : "CancelledError will be thrown in at its next step");
        return;
    }
    play_error("no task named \"%s\" (see `tasks`).", argv[1]);
}

#else
typedef int play_task_needs_tasks;   /* a tree without lab04: nothing here */
#endif
