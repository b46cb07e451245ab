/* gather_hello: the seed's hello1, hello2 and hello3 (3 s, 2 s, 4 s)
 * gathered: they run at the same time, 4 s in all, and the results come
 * in argument order.  Python twin: gather_hello.py. */
#include "example.h"

/* async def helloN(a, b): print begin; await sleep(t); print end; return a op b */
struct hello_frame {
    int n;
    double t;
    long long result;
    struct co_value slept;
};

static enum gen_step hello_body(struct gen *g, void *frame)
{
    struct hello_frame *f = frame;

    GEN_BEGIN(g);
    say("Hello world 0%d begin", f->n);
    TASK_AWAIT_GEN(g, task_sleep(f->t, co_none()), f->slept);
    say("Hello again 0%d end", f->n);
    GEN_RETURN(g, co_int(f->result));
    GEN_END(g);
}

static struct gen *hello(int n, double t, long long result)
{
    struct gen *g = gen_new("hello", hello_body, sizeof(struct hello_frame));

    if (g)
        *(struct hello_frame *)gen_frame(g) = (struct hello_frame){ n, t, result, { 0 } };
    return g;
}

struct main_frame {
    struct gather *ga;
    struct co_value r;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct aw aws[3];
    struct co_exc e;

    GEN_BEGIN(g);
    aws[0] = AW_CORO(hello(1, 3, 10 + 5));
    aws[1] = AW_CORO(hello(2, 2, 10 - 5));
    aws[2] = AW_CORO(hello(3, 4, 10 * 5));
    if (gather_new(task_running_loop(), aws, 3, false, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    TASK_AWAIT(g, &f->ga->fut, f->r);
    for (size_t i = 0; i < f->ga->n; i++)
        if (gather_result_at(f->ga, i, &f->r, &e) == CO_OK)
            printf("%lld\n", f->r.as.i);
    printf("took %.1f s\n", loop_time(task_running_loop()));
    gather_free(f->ga);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

EXAMPLE_MAIN(gather_hello, "hello1, hello2 and hello3 gathered: 4 s in all, results in order",
             main_body, struct main_frame, (void)0)
