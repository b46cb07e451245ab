/* wait_first: the seed's asyncio.wait(..., return_when=FIRST_COMPLETED)
 * on wait("A", 3) (which raises EOFError at once), wait("B", 2) and
 * wait("C", 1).  The seed passes the coroutines themselves: Python 3.11
 * refuses that, and so does wait_new, so they are tasks here.  wait
 * returns the two sets and cancels nothing: B and C go on.
 * Python twin: wait_first.py. */
#include <string.h>

#include "example.h"

static enum co_exc_kind eof_error;

struct wait_frame {
    const char *name;
    double times;
    struct co_value slept;
};

static enum gen_step wait_body(struct gen *g, void *frame)
{
    struct wait_frame *f = frame;

    GEN_BEGIN(g);
    if (f->name[0] == 'A')
        GEN_RAISE(g, eof_error, NULL);
    say("%s waits %.0fs", f->name, f->times);
    TASK_AWAIT_GEN(g, task_sleep(f->times, co_none()), f->slept);
    say("%s done", f->name);
    GEN_RETURN(g, co_float(f->times));
    GEN_END(g);
}

struct main_frame {
    struct task *t[3];
    struct aw aws[3];
    struct future *done[3], *pending[3];
    struct wait_sets sets;
    struct co_value r;
};

static void names(char *buf, size_t n, struct future **v, size_t k)
{
    buf[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        char tmp[32];
        snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? " " : "",
                 task_name(task_of_future(v[i]), tmp, sizeof tmp));
    }
}

static enum gen_step main_body(struct gen *g, void *frame)
{
    static const char *const name[] = { "A", "B", "C" };
    static const double times[] = { 3, 2, 1 };
    struct main_frame *f = frame;
    char d[64], p[64];
    struct co_exc e;

    GEN_BEGIN(g);
    for (int i = 0; i < 3; i++) {
        struct gen *w = gen_new("wait", wait_body, sizeof(struct wait_frame));

        *(struct wait_frame *)gen_frame(w) = (struct wait_frame){ name[i], times[i], { 0 } };
        if (task_create(task_running_loop(), w, name[i], &f->t[i]) != CO_OK)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "task_create failed");
        f->aws[i] = AW_FUT(&f->t[i]->fut);
    }
    f->sets = (struct wait_sets){ .done = f->done, .pending = f->pending };
    TASK_AWAIT_GEN(g, wait_new(f->aws, 3, WAIT_FOREVER, WAIT_FIRST_COMPLETED, &f->sets), f->r);
    names(d, sizeof d, f->done, f->sets.n_done);
    names(p, sizeof p, f->pending, f->sets.n_pending);
    say("done: %s; pending: %s", d, p);
    future_exception(&f->t[0]->fut, &e);
    say("A raised %s", co_exc_kind_name(e.kind));
    TASK_AWAIT_GEN(g, task_sleep(5, co_none()), f->r);
    say("end");
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

EXAMPLE_MAIN(wait_first, "wait(FIRST_COMPLETED) on A (raises), B (2 s) and C (1 s)", main_body,
             struct main_frame, eof_error = co_exc_kind_new("EOFError", CO_EXCEPTION))
