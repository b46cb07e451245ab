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

/* The examples' scenarios linked into this engine (examples/scenario.h):
 * how many, and the i-th. */
int play_examples_count(void);
const struct example_scenario *play_example_at(int i);

/* What a playground calls handle h, written into buf (size n). */
typedef const char *play_handle_name_fn(const struct loop_handle *h, char *buf, size_t n);

/* The ready queue in order, the timers in the order they fire. */
void play_loop_show_ready(const struct loop *loop, play_handle_name_fn *name);
void play_loop_show_timers(const struct loop *loop, play_handle_name_fn *name);

/*
 * play_loop_step - run up to n iterations (loop_run_once), each one
 * announced ("→ iteration 3"), with how many callbacks ran and whether
 * the virtual clock jumped; stops early once nothing is left to run.
 * *iteration counts the iterations run; before (may be NULL) is called
 * ahead of each.  file is the student file a CO_ENOSYS points to.
 */
void play_loop_step(struct loop *loop, int *iteration, long long n, void (*before)(void),
                    const char *file);

/* `step [N]`: N from argv[1] (default 1), then play_loop_step.  False
 * (with the usage said) when N is not from 1 to 1000. */
bool play_loop_step_cmd(int argc, char **argv, struct loop *loop, int *iteration,
                        void (*before)(void), const char *file);

/* `run`: loop_run_forever, and what its result means. */
void play_loop_run(struct loop *loop, const char *file);

/* After scenario s's setup gave r: its failure, if any, then "Loaded". */
void play_loop_loaded(const struct example_scenario *s, int r, const char *file);

#endif
