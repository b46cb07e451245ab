/* ten_hello: the seed's ten tasks of hello1(10, 5) gathered: all ten wait
 * their 3 s at the same time, 3 s in all.  (The seed passes the list
 * itself, gather(tasks), which is a TypeError: it means gather(*tasks).)
 * Python twin: ten_hello.py. */
#include "example.h"

struct hello_frame {
    long long a, b;
    struct co_value slept;
};

static enum gen_step hello1_body(struct gen *g, void *frame)
{
    struct hello_frame *f = frame;

    GEN_BEGIN(g);
    say("Hello world 01 begin");
    TASK_AWAIT_GEN(g, task_sleep(3, co_none()), f->slept);
    say("Hello again 01 end");
    GEN_RETURN(g, co_int(f->a + f->b));
    GEN_END(g);
}

struct main_frame {
    struct task *tasks[10];
    struct gather *ga;
    struct co_value r;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct aw aws[10];
    struct co_exc e;

    GEN_BEGIN(g);
    for (int i = 0; i < 10; i++) {      /* asyncio.ensure_future(hello1(10, 5)) */
        struct gen *h = gen_new("hello1", hello1_body, sizeof(struct hello_frame));

        *(struct hello_frame *)gen_frame(h) = (struct hello_frame){ 10, 5, { 0 } };
        if (task_create(task_running_loop(), h, NULL, &f->tasks[i]) != CO_OK)
            GEN_RAISE(g, CO_RUNTIME_ERROR, "task_create failed");
        aws[i] = AW_FUT(&f->tasks[i]->fut);
    }
    if (gather_new(task_running_loop(), aws, 10, false, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    TASK_AWAIT(g, &f->ga->fut, f->r);
    printf("[");
    for (size_t i = 0; i < f->ga->n; i++)
        if (gather_result_at(f->ga, i, &f->r, &e) == CO_OK)
            printf("%s%lld", i ? ", " : "", f->r.as.i);
    printf("]\ntook %.1f s\n", loop_time(task_running_loop()));
    gather_free(f->ga);          /* the tasks are main's: task_run frees them */
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

int main(void)
{
    return example_run(main_body, sizeof(struct main_frame));
}
