/* run_coroutine_threadsafe: the seed's loop running in another thread,
 * given func(3), func(2), func(1) with run_coroutine_threadsafe.  The
 * seed's output interleaves two threads' prints in an order nobody
 * controls; here only the main thread prints, each result after it came
 * back through its cfuture, so every run prints the same.  The loop runs
 * on the virtual clock in its own thread; ts_call_soon is the only way in.
 * Python twin: run_coroutine_threadsafe.py. */
#include <pthread.h>

#include "example.h"
#include "thread.h"

struct func_frame {
    long long num;
    struct co_value slept;
};

static enum gen_step func_body(struct gen *g, void *frame)
{
    struct func_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, task_sleep((double)f->num, co_none()), f->slept);
    /* a number, not text in the frame: the loop frees the task (and its
     * frame) as soon as the cfuture has the result */
    GEN_RETURN(g, co_float(loop_time(task_running_loop())));
    GEN_END(g);
}

static struct loop loop;
static struct ts door;

static void *start_loop(void *arg)
{
    (void)arg;
    loop_run_forever(&loop);         /* waits in poll() for the door between jobs */
    return NULL;
}

static void stop_cb(struct loop *l, void *arg)
{
    (void)arg;
    loop_stop(l);
}

int main(void)
{
    static const long long nums[] = { 3, 2, 1 };
    struct cfuture *cf[3];
    pthread_t t;
    struct co_value v;
    struct co_exc e;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    if (ts_init(&door, &loop) != CO_OK)
        return 1;
    /* All three are handed over before the loop starts, so that it makes
     * the three tasks in one iteration: the virtual clock jumps when the
     * loop is idle, past a submission that would still be on its way. */
    for (int i = 0; i < 3; i++) {
        struct gen *g = gen_new("func", func_body, sizeof(struct func_frame));

        ((struct func_frame *)gen_frame(g))->num = nums[i];
        if (run_coroutine_threadsafe(&door, g, &cf[i]) != CO_OK)
            return 1;
    }
    if (pthread_create(&t, NULL, start_loop, NULL) != 0)
        return 1;
    for (int i = 0; i < 3; i++) {
        if (cfuture_result(cf[i], 60, &v, &e) != CO_OK)
            return 1;
        printf("func(%lld) done at t=%.1f\n", nums[i], v.as.f);
    }
    ts_call_soon(&door, stop_cb, NULL);
    pthread_join(t, NULL);
    ts_destroy(&door);
    loop_close(&loop);
    for (int i = 0; i < 3; i++)
        cfuture_free(cf[i]);
    loop_destroy(&loop);
    return 0;
}
