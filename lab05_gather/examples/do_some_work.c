/* do_some_work: the seed's ten tasks of do_some_work(i), with callbacks
 * scheduled by call_soon between them.  The seed calls
 * loop.run_until_complete() inside main, on the loop that already runs
 * main (RuntimeError "This event loop is already running"; our
 * task_run_until_complete refuses it with CO_ESTATE the same way).  What it
 * means is an await.  Python twin: do_some_work.py. */
#include "example.h"

struct work_frame {
    int i;
    struct co_value slept;
};

static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    say("Working %d", f->i);
    TASK_AWAIT_GEN(g, task_sleep(1, co_none()), f->slept);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static void scheduled(struct loop *loop, void *arg)
{
    (void)arg;
    printf("t=%.1f  Scheduled...\n", loop_time(loop));
}

struct main_frame {
    int k;
    struct gather *ga;
    struct co_value r;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct aw aws[10];

    GEN_BEGIN(g);
    for (int i = 0; i < 10; i++) {
        struct gen *w = gen_new("do_some_work", work_body, sizeof(struct work_frame));

        ((struct work_frame *)gen_frame(w))->i = i;
        aws[i] = AW_CORO(w);
    }
    /* the gather makes the ten tasks now, as create_task would */
    if (gather_new(task_running_loop(), aws, 10, false, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    for (f->k = 0; f->k < 3; f->k++) {
        loop_call_soon(task_running_loop(), scheduled, NULL, NULL);
        TASK_AWAIT_GEN(g, task_sleep(0.25, co_none()), f->r);
    }
    TASK_AWAIT(g, &f->ga->fut, f->r);
    say("Done!");
    gather_free(f->ga);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

int main(void)
{
    return example_run(main_body, sizeof(struct main_frame));
}
