/*
 * play_lab04_tasks.c - lab04's playground: tasks on an event loop, one
 * iteration at a time.
 *
 * `load` sets up one of the lab's example scenarios (examples/scenario.h,
 * linked in from the example's NAME.c, so each exists once) on a loop
 * with the virtual clock, running your future.c and task.c (or the
 * reference with --ref).  `step` runs one iteration (loop_run_once);
 * `show` prints every task (its state, what it awaits: a future or
 * another task), the ready queue and the timers.  The loop's commands
 * are play_loop.c's, the tasks' play_task.c's: this file says what is
 * lab04's.
 */
#include "play.h"
#include "play_loop.h"
#include "play_task.h"

const struct play_loop_lab play_loop_lab = {
    .file = "task.c",
    .forget = play_task_forget,
    .before = play_task_remember,
    .show_all = play_task_show_all,
    .show_tasks = play_task_show,
    .handle_name = play_task_handle_name,
};

static const struct play_cmd cmds[] = {
    PLAY_LOOP_CMDS("a fresh loop with that scenario's tasks created", "time, tasks, ready queue, timers",
                   "every task: state, coroutine, what it awaits"),
    PLAY_TASK_CANCEL_CMD,
    { NULL, NULL, NULL, NULL },
};

static void intro(void)
{
    printf("%slab04 playground%s: tasks on a loop with a virtual clock, one iteration at a "
           "time.\n", play_c(P_BOLD), play_c(P_OFF));
    printf("Try:  load async_cancel   step 2   cancel Task-3   step      load say_after   "
           "step   step   step\n");
    printf("`scenarios` lists the scenarios, `help` the commands, `quit` leaves.\n");
}

const struct play_lab play_lab = {
    .title = "lab04_tasks playground: tasks on the loop, one iteration at a time",
    .intro = intro,
    .cmds = cmds,
    .context = play_loop_context,
    .complete = play_task_complete,
    .cleanup = play_loop_teardown,
};
