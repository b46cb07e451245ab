/* round_robin: the tutorial's first coroutines, two generators taking
 * turns in a plain task list: 1, 3, 2, 4 instead of 1, 2, 3, 4.
 * Python twin: round_robin.py. */
#include <stdio.h>

#include "loop.h"

/* def task_01():            def task_02():
 *     print(1)                  print(3)
 *     time.sleep(1)  # I/O      time.sleep(1)  # I/O
 *     yield                     yield
 *     print(2)                  print(4)
 * (the sleeps are left out: here they would only make you wait) */
struct task_frame {
    int first, second;
};

static enum gen_step task_body(struct gen *g, void *frame)
{
    struct task_frame *f = frame;

    GEN_BEGIN(g);
    printf("%d\n", f->first);
    GEN_YIELD(g, co_none());          /* switch by hand */
    printf("%d\n", f->second);
    GEN_END(g);
}

static struct gen *task_new(const char *name, int first, int second)
{
    struct gen *g = gen_new(name, task_body, sizeof(struct task_frame));

    if (g) {
        struct task_frame *f = gen_frame(g);
        f->first = first;
        f->second = second;
    }
    return g;
}

int main(void)
{
    struct gen *task_list[2] = { task_new("task_01", 1, 2), task_new("task_02", 3, 4) };
    struct co_exc exc;
    int r = CO_ENOMEM;

    if (task_list[0] && task_list[1])
        r = loop_round_robin(task_list, 2, &exc);   /* while task_list: next() each */
    gen_free(task_list[0]);
    gen_free(task_list[1]);
    return r == CO_OK ? 0 : 1;
}
