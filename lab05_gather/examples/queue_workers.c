/* queue_workers: a producer and two workers around a Queue(maxsize=2),
 * gathered.  The workers wait in get while the queue is empty, the
 * producer waits in put while it is full; each put wakes the first
 * getter, each get the first putter (sync.h: the waiters' FIFO).  A None
 * per worker tells it to stop.  Python twin: queue_workers.py. */
#include "example.h"
#include "sync.h"

static struct queue q;

/* async def producer(q): put 1..5, then a None per worker */
struct producer_frame {
    int i;
    struct co_value r;
};

static enum gen_step producer_body(struct gen *g, void *frame)
{
    struct producer_frame *f = frame;

    GEN_BEGIN(g);
    for (f->i = 1; f->i <= 5; f->i++) {
        TASK_AWAIT_GEN(g, queue_put(&q, co_int(f->i)), f->r);    /* waits while q is full */
        say("put %d", f->i);
    }
    for (f->i = 0; f->i < 2; f->i++)
        TASK_AWAIT_GEN(g, queue_put(&q, co_none()), f->r);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

/* async def worker(name, q): item = await q.get(); q.task_done(); ... */
struct worker_frame {
    const char *name;
    struct co_value item, r;
};

static enum gen_step worker_body(struct gen *g, void *frame)
{
    struct worker_frame *f = frame;
    struct co_exc e;

    GEN_BEGIN(g);
    for (;;) {
        TASK_AWAIT_GEN(g, queue_get(&q), f->item);              /* waits while q is empty */
        queue_task_done(&q, &e);
        if (f->item.kind == CO_NONE) {
            say("%s stops", f->name);
            GEN_RETURN(g, co_str(f->name));
        }
        say("%s got %lld", f->name, f->item.as.i);
        TASK_AWAIT_GEN(g, task_sleep(1, co_none()), f->r);
    }
    GEN_END(g);
}

static struct gen *worker(const char *name)
{
    struct gen *g = gen_new("worker", worker_body, sizeof(struct worker_frame));

    if (g)
        ((struct worker_frame *)gen_frame(g))->name = name;
    return g;
}

struct main_frame {
    struct gather *ga;
    struct co_value r, a, b;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct aw aws[3];
    struct co_exc e;

    GEN_BEGIN(g);
    if (queue_init(&q, task_running_loop(), 2) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "queue_init failed");
    aws[0] = AW_CORO(worker("a"));
    aws[1] = AW_CORO(worker("b"));
    aws[2] = AW_CORO(gen_new("producer", producer_body, sizeof(struct producer_frame)));
    if (gather_new(task_running_loop(), aws, 3, false, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    TASK_AWAIT(g, &f->ga->fut, f->r);
    TASK_AWAIT_GEN(g, queue_join(&q), f->r);
    gather_result_at(f->ga, 0, &f->a, &e);
    gather_result_at(f->ga, 1, &f->b, &e);
    say("done: ['%s', '%s']", f->a.as.s, f->b.as.s);
    gather_free(f->ga);
    queue_destroy(&q);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

EXAMPLE_MAIN(queue_workers, "two workers and a producer around a Queue(maxsize=2)", main_body,
             struct main_frame, (void)0)
