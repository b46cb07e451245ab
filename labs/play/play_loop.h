/*
 * play_loop - what the playgrounds of the labs with a loop share (lab03
 * on): the examples' scenarios, the ready queue and the timers shown, an
 * iteration stepped.  Each lab names the handles its own way (lab03: a
 * generator's next step, lab04: a task's step or wake-up).
 */
#ifndef PLAY_LOOP_H
#define PLAY_LOOP_H

#include <stdbool.h>
#include <stddef.h>

#include "examples/scenario.h"
#include "loop.h"
#include "play.h"

/* The examples' scenarios linked into this engine (examples/scenario.h):
 * how many, and the i-th. */
int play_examples_count(void);
const struct example_scenario *play_example_at(int i);

/* What a playground calls handle h, written into buf (size n). */
typedef const char *play_handle_name_fn(const struct loop_handle *h, char *buf, size_t n);

/* The ready queue in order, the timers in the order they fire. */
void play_loop_show_ready(const struct loop *loop, play_handle_name_fn *name);
void play_loop_show_timers(const struct loop *loop, play_handle_name_fn *name);

/* ---- a playground of scenarios on one loop (lab03 on) ----------------------
 * The loop, the scenario loaded and the commands every such playground
 * has (PLAY_LOOP_CMDS: scenarios, load, step, run, show, ready, timers,
 * tasks) live here once; a lab's file says what is its own through
 * play_loop_lab and lists those commands in its table beside its own. */
struct play_loop_lab {
    const char *file;                      /* the student file a CO_ENOSYS names: "task.c" */
    const char *no_loop;                   /* what to add to "no loop yet: `load NAME`..." */
    const struct example_scenario *own;    /* the playground's own scenarios, after the
                                            * examples' (nown of them; may be NULL) */
    int nown;
    void (*forget)(void);                  /* drop the lab's own state: after loop_close
                                            * and the scenario's teardown (may be NULL) */
    void (*before)(void);                  /* ahead of each iteration and of `run` (may be NULL) */
    void (*show_all)(void);                /* `show`, and after load, step and run */
    void (*show_tasks)(void);              /* `tasks` */
    play_handle_name_fn *handle_name;      /* `ready`, `timers` */
};
extern const struct play_loop_lab play_loop_lab;   /* defined by the lab's file */

extern struct loop play_loop;              /* valid while play_have_loop */
extern bool play_have_loop;
extern int play_iteration;                 /* iterations stepped since the load */

/* Every scenario, the examples' then the playground's own: how many, the i-th. */
int play_scenario_count(void);
const struct example_scenario *play_scenario_at(int i);

/* False, with the advice to `load`, when no loop is loaded. */
bool play_loop_need(void);
/* Close and free the loop and everything the scenario made (the lab's
 * `cleanup`; every load does it first). */
void play_loop_teardown(void);
/* The prompt's context: "say_after t=2". */
void play_loop_context(char *buf, size_t n);
/* The \036complete line of `load`. */
void play_loop_complete_load(void);

play_cmd_fn play_loop_cmd_scenarios, play_loop_cmd_load, play_loop_cmd_step, play_loop_cmd_run,
    play_loop_cmd_show, play_loop_cmd_ready, play_loop_cmd_timers, play_loop_cmd_tasks;
#define PLAY_LOOP_CMDS(LOAD_HELP, SHOW_HELP, TASKS_HELP)                                       \
    { "scenarios", play_loop_cmd_scenarios, "scenarios", "the scenarios you can load" },      \
    { "load", play_loop_cmd_load, "load NAME", LOAD_HELP },                                   \
    { "step", play_loop_cmd_step, "step [N]", "run one iteration (loop_run_once), or N" },    \
    { "run", play_loop_cmd_run, "run", "loop_run_forever: until loop_stop (or nothing is left)" }, \
    { "show", play_loop_cmd_show, "show", SHOW_HELP },                                        \
    { "ready", play_loop_cmd_ready, "ready", "the ready queue, in order" },                   \
    { "timers", play_loop_cmd_timers, "timers", "the timers, in the order they fire" },       \
    { "tasks", play_loop_cmd_tasks, "tasks", TASKS_HELP }

#endif
