/* run_forever_callback: the seed's second run_forever example, as the
 * seed wrote it: gather(work(1), work(2)) with a done callback on the
 * gather that stops the loop (lab03 could only count the tasks by hand).
 * Python twin: run_forever_callback.py (lab03's). */
#include "example.h"

struct work_frame {
    double t;
    struct co_value slept;
};

static enum gen_step work_body(struct gen *g, void *frame)
{
    struct work_frame *f = frame;

    GEN_BEGIN(g);
    say("Start");
    TASK_AWAIT_GEN(g, task_sleep(f->t, co_none()), f->slept);
    say("after %.0fs stop", f->t);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static struct gen *work(double t)
{
    struct gen *g = gen_new("work", work_body, sizeof(struct work_frame));

    ((struct work_frame *)gen_frame(g))->t = t;
    return g;
}

/* def loop_stop(loop, future): loop.stop() */
static void loop_stop_cb(struct future *fut, void *arg)
{
    (void)fut;
    loop_stop(arg);
}

int main(void)
{
    struct loop loop;
    struct gather *ga;
    struct aw aws[2];
    double start;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    start = loop_time(&loop);
    aws[0] = AW_CORO(work(1));
    aws[1] = AW_CORO(work(2));
    if (gather_new(&loop, aws, 2, false, &ga) != CO_OK)
        return 1;
    future_add_done_callback(&ga->fut, loop_stop_cb, &loop);
    loop_run_forever(&loop);
    loop_close(&loop);
    printf("elapsed: %.1fs\n", loop_time(&loop) - start);
    gather_free(ga);
    loop_destroy(&loop);
    return 0;
}
