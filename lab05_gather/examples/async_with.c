/* async_with: the seed's CustomContextManager (its __aenter__ and
 * __aexit__ each await), then `async with sem:` on a Semaphore(2) with
 * four holders: two at a time.  `async with cm: body` is
 *     await cm.__aenter__(); body; await cm.__aexit__(None, None, None)
 * when the body does not raise (sync.h: struct acm_ops).
 * Python twin: async_with.py. */
#include "example.h"
#include "sync.h"

/* CustomContextManager: both methods print and sleep 0.5 s */
struct cm_frame {
    const char *what;
    struct co_value slept;
};

static enum gen_step cm_body(struct gen *g, void *frame)
{
    struct cm_frame *f = frame;

    GEN_BEGIN(g);
    say(">%s the context manager", f->what);
    TASK_AWAIT_GEN(g, task_sleep(0.5, co_none()), f->slept);
    GEN_RETURN(g, co_int(0));
    GEN_END(g);
}

static struct gen *cm_step(const char *what)
{
    struct gen *g = gen_new(what, cm_body, sizeof(struct cm_frame));

    ((struct cm_frame *)gen_frame(g))->what = what;
    return g;
}

static struct gen *cm_aenter(void *self) { (void)self; return cm_step("entering"); }
static struct gen *cm_aexit(void *self, const struct co_exc *exc)
{
    (void)self;
    (void)exc;
    return cm_step("exiting");
}
static const struct acm_ops custom_cm = { cm_aenter, cm_aexit };

static struct sem sem;

/* async def holder(name): async with sem: ... */
struct holder_frame {
    char name;
    struct co_value r;
};

static enum gen_step holder_body(struct gen *g, void *frame)
{
    struct holder_frame *f = frame;

    GEN_BEGIN(g);
    TASK_AWAIT_GEN(g, sem_acm.aenter(&sem), f->r);
    say("%c in", f->name);
    TASK_AWAIT_GEN(g, task_sleep(1 + 0.1 * (f->name - 'a'), co_none()), f->r);
    TASK_AWAIT_GEN(g, sem_acm.aexit(&sem, NULL), f->r);
    say("%c out", f->name);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

struct main_frame {
    struct gather *ga;
    struct co_value r;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct aw aws[4];

    GEN_BEGIN(g);
    say("before the context manager");
    TASK_AWAIT_GEN(g, custom_cm.aenter(NULL), f->r);
    say("within the manager");
    TASK_AWAIT_GEN(g, custom_cm.aexit(NULL, NULL), f->r);
    say("after the context manager");
    sem_init(&sem, task_running_loop(), 2);
    for (int i = 0; i < 4; i++) {
        struct gen *h = gen_new("holder", holder_body, sizeof(struct holder_frame));

        ((struct holder_frame *)gen_frame(h))->name = (char)('a' + i);
        aws[i] = AW_CORO(h);
    }
    if (gather_new(task_running_loop(), aws, 4, false, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    TASK_AWAIT(g, &f->ga->fut, f->r);
    gather_free(f->ga);
    sem_destroy(&sem);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

EXAMPLE_MAIN(async_with, "async with: a context manager, then four holders of a Semaphore(2)",
             main_body, struct main_frame, (void)0)
