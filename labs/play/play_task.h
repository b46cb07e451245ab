/*
 * play_task - what the playgrounds of the labs with tasks share (lab04
 * on): every task seen on the playground's loop (play_loop.h), its state
 * and what it awaits, the loop's handles by what they are for, and
 * Task.cancel.  The tasks are found with task_all (the unfinished ones)
 * and remembered, so a task that finished stays on the list until the
 * scenario is torn down.  Everything is read from the public fields of
 * struct task, struct future and the loop's inspection functions.
 */
#ifndef PLAY_TASK_H
#define PLAY_TASK_H

#include <stdbool.h>
#include <stddef.h>

#include "play.h"
#include "task.h"

/* Note the loop's unfinished tasks not seen yet (play_loop_lab.before). */
void play_task_remember(void);
/* Forget them, freeing those still unfinished on the closed loop
 * (play_loop_lab.forget). */
void play_task_forget(void);

/* The tasks seen, in creation order: how many, the i-th. */
int play_task_count(void);
struct task *play_task_at(int i);
/* The task seen whose `awaiting` is fut, or NULL. */
struct task *play_task_awaiting(const struct future *fut);

/* "Task-2 (work, #2)": the name, and the identity that tells two tasks
 * of the same name (or coroutine) apart. */
const char *play_task_who(const struct task *t, char *buf, size_t n);

/* `tasks`: every task, its state, its coroutine's, what it awaits. */
void play_task_show(void);
/* `show`: time, tasks, what play_task_show_more adds, ready queue, timers. */
void play_task_show_all(void);
/* A handle by what it is for (play_loop_lab.handle_name). */
const char *play_task_handle_name(const struct loop_handle *h, char *buf, size_t n);
/* `cancel TASK` */
play_cmd_fn play_task_cmd_cancel;
#define PLAY_TASK_CANCEL_CMD \
    { "cancel", play_task_cmd_cancel, "cancel TASK", "task_cancel (Task.cancel()) by name or #id" }
/* The completions: `load`'s scenarios, `cancel`'s tasks. */
void play_task_complete(void);

/* A later lab's own words for what a task awaits (lab05: a gather, a
 * queue's get), true when it wrote them into buf; and its own part of
 * `show`.  Weak: a lab's file may define them. */
bool play_task_awaits_more(const struct task *t, const struct future *fut, char *buf, size_t n)
    __attribute__((weak));
void play_task_show_more(void) __attribute__((weak));

#endif
