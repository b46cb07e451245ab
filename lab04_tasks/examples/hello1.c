/* hello1: the tutorial's hello1(10, 5), which returns 15 after a 3 s
 * sleep.  Its result is read twice: with future_result (task.result())
 * once the loop has run the task, and in a done callback whose bound
 * argument plays functools.partial(callback, 'Jesse').
 * Python twin: hello1.py (asyncio on a virtual clock). */
#include <stdio.h>

#include "co_trace.h"
#include "task.h"

/* print(text), stamped with the running loop's clock */
static void say(const char *text)
{
    double now = loop_time(task_running_loop());

    printf("t=%.1f  %s\n", now, text);
    co_trace(CO_TRACE_NOTE, "hello1", now, co_none(), text);
}

/* async def hello1(a, b):
 *     print("Hello world 01 begin")
 *     await asyncio.sleep(3)
 *     print("Hello again 01 end")
 *     return a + b */
struct hello1_frame {
    long long a, b;
    struct co_value slept;      /* what `await asyncio.sleep(3)` gives: None */
};

static enum gen_step hello1_body(struct gen *g, void *frame)
{
    struct hello1_frame *f = frame;

    GEN_BEGIN(g);
    say("Hello world 01 begin");
    TASK_AWAIT_GEN(g, task_sleep(3.0, co_none()), f->slept);   /* this task waits 3 s */
    say("Hello again 01 end");
    GEN_RETURN(g, co_int(f->a + f->b));                         /* the task's result */
    GEN_END(g);
}

static struct gen *hello1(long long a, long long b)
{
    struct gen *g = gen_new("hello1", hello1_body, sizeof(struct hello1_frame));

    if (g)
        *(struct hello1_frame *)gen_frame(g) = (struct hello1_frame){ .a = a, .b = b };
    return g;
}

/* def callback(name, future):     # added as functools.partial(callback, 'Jesse')
 *     ...
 * C passes the future first and the bound argument second. */
static void callback(struct future *fut, void *arg)
{
    struct co_value result;
    struct co_exc exc;

    printf("[callback] Hello %s\n", (const char *)arg);
    printf("[callback] coroutine state: %s\n", future_state_name(future_state(fut)));
    if (future_result(fut, &result, &exc) == CO_OK)
        printf("[callback] result: %lld\n", result.as.i);
}

int main(void)
{
    struct loop loop;
    struct task *task = NULL, *task2 = NULL;
    struct co_value result;
    struct co_exc exc;
    int ok;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);                               /* loop = asyncio.new_event_loop() */
    ok = task_create(&loop, hello1(10, 5), NULL, &task) == CO_OK &&      /* task = loop.create_task(hello1(10, 5)) */
         task_run_until_complete(&loop, task_future(task), &result, &exc) == CO_OK;
    if (ok) {
        puts("-------------------------------------");
        ok = future_result(task_future(task), &result, &exc) == CO_OK;  /* task.result() */
        if (ok)
            printf("%lld\n", result.as.i);
    }

    ok = ok && task_create(&loop, hello1(10, 5), NULL, &task2) == CO_OK &&
         future_add_done_callback(task_future(task2), callback, "Jesse") == CO_OK &&
         task_run_until_complete(&loop, task_future(task2), &result, &exc) == CO_OK;

    loop_close(&loop);                                                  /* loop.close() */
    task_free(task);
    task_free(task2);
    loop_destroy(&loop);
    if (!ok)
        fprintf(stderr, "hello1: something failed\n");
    return ok ? 0 : 1;
}
