/*
 * scenario.h - an example's setup, shared by its own main() and by the
 * playground (`labs play lab03`: `load NAME`).
 *
 * An example that uses a loop splits its main() in two: setup() makes its
 * generators and schedules everything on a fresh loop without running it,
 * teardown() frees what setup() made once the loop is closed.  main() is
 * init, setup, run, close, teardown, so the example reads as before; the
 * playground compiles the same file with PLAY_SCENARIO defined (no main)
 * and steps the loop itself.  One copy of each scenario, in the example.
 *
 *     static int setup(struct loop *loop) { ... loop_spawn(loop, ...) ... }
 *     static void teardown(void) { gen_free(...); }
 *     EXAMPLE_SCENARIO(call_later, "timers count from scheduling", setup, teardown)
 */
#ifndef EXAMPLE_SCENARIO_H
#define EXAMPLE_SCENARIO_H

#include "loop.h"

struct example_scenario {
    const char *name;                  /* the example's name: "call_later" */
    const char *about;                 /* one line for the playground's list */
    int (*setup)(struct loop *loop);   /* CO_OK, or the first failure */
    void (*teardown)(void);            /* after loop_close: free what setup made */
};

/* The scenario, in the section the playground walks
 * (__start_example_scenarios .. __stop_example_scenarios). */
#define EXAMPLE_SCENARIO(NAME, ABOUT, SETUP, TEARDOWN)                           \
    static const struct example_scenario NAME##_scenario =                       \
        { #NAME, ABOUT, SETUP, TEARDOWN };                                       \
    __attribute__((used, section("example_scenarios")))                          \
    static const struct example_scenario *const NAME##_scenario_entry = &NAME##_scenario;

#endif
