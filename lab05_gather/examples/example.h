/* example.h - what lab05's examples share: say(), stamped with the
 * running loop's clock as the twins' virtual_clock.say() stamps it. */
#ifndef LAB05_EXAMPLE_H
#define LAB05_EXAMPLE_H

#include <stdarg.h>
#include <stdio.h>

#include "examples/scenario.h"
#include "gather.h"

/* print("t=%.1f  " + text), on the clock of the loop whose task runs */
static inline void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void say(const char *fmt, ...)
{
    va_list ap;
    struct loop *loop = task_running_loop();

    if (!loop)
        return;     /* a coroutine closed outside its loop (the playground's teardown) */
    printf("t=%.1f  ", loop_time(loop));
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* asyncio.run(main()) on a virtual clock: main_body with a zeroed frame
 * of frame_size bytes; the exit status (0: main returned). */
static inline int example_run(gen_body_fn *main_body, size_t frame_size)
{
    struct co_value out;
    struct co_exc exc;

    return task_run(gen_new("main", main_body, frame_size), LOOP_CLOCK_VIRTUAL, &out,
                    &exc) == CO_OK ? 0 : 1;
}

/*
 * EXAMPLE_MAIN - the example's main(): INIT, then asyncio.run(main())
 * with BODY and a zeroed FRAME.  Compiled for the playground
 * (PLAY_SCENARIO, examples/scenario.h), the same main becomes scenario
 * NAME instead: setup runs INIT and makes main a task on the
 * playground's loop, teardown frees that task.
 */
#ifdef PLAY_SCENARIO
#define EXAMPLE_MAIN(NAME, ABOUT, BODY, FRAME, INIT)                                      \
    static struct task *NAME##_main;                                                      \
    static int NAME##_setup(struct loop *loop)                                            \
    {                                                                                     \
        INIT;                                                                             \
        return task_create(loop, gen_new("main", BODY, sizeof(FRAME)), NULL, &NAME##_main); \
    }                                                                                     \
    static void NAME##_teardown(void)                                                     \
    {                                                                                     \
        task_free(NAME##_main);                                                           \
        NAME##_main = NULL;                                                               \
    }                                                                                     \
    EXAMPLE_SCENARIO(NAME, ABOUT, NAME##_setup, NAME##_teardown)
#else
#define EXAMPLE_MAIN(NAME, ABOUT, BODY, FRAME, INIT)                                      \
    int main(void)                                                                        \
    {                                                                                     \
        INIT;                                                                             \
        return example_run(BODY, sizeof(FRAME));                                          \
    }
#endif

#endif
