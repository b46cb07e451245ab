/* play_loop.c - the loop's part of the playgrounds (see play_loop.h).
 * Compiled into every engine's library; only an engine of a lab with a
 * loop links it, and only a tree with lab03 compiles it. */
#if __has_include("loop.h")
#include "play_loop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "play.h"

/* The scenarios, in the section their objects fill; weak, so that an
 * engine without them still links. */
extern const struct example_scenario *const __start_example_scenarios[] __attribute__((weak));
extern const struct example_scenario *const __stop_example_scenarios[] __attribute__((weak));

int play_examples_count(void)
{
    return (int)(__stop_example_scenarios - __start_example_scenarios);
}

const struct example_scenario *play_example_at(int i)
{
    return __start_example_scenarios[i];
}

void play_loop_show_ready(const struct loop *loop, play_handle_name_fn *name)
{
    size_t n = loop_ready_count(loop);

    printf("  %sready queue%s (%zu, first runs first):", play_c(P_BOLD), play_c(P_OFF), n);
    if (n == 0)
        printf(" empty");
    printf("\n");
    for (size_t i = 0; i < n && i < 50; i++) {
        const struct loop_handle *h = loop_ready_at(loop, i);
        char buf[160];
        if (!h)
            break;
        printf("    %2zu. %-22s seq %-4llu%s\n", i + 1, name(h, buf, sizeof buf), h->seq,
               h->cancelled ? "  (cancelled: dropped when reached)" : "");
    }
}

static int by_due(const void *a, const void *b)
{
    const struct loop_handle *x = *(const struct loop_handle *const *)a;
    const struct loop_handle *y = *(const struct loop_handle *const *)b;
    return loop_handle_before(x, y) ? -1 : loop_handle_before(y, x) ? 1 : 0;
}

void play_loop_show_timers(const struct loop *loop, play_handle_name_fn *name)
{
    size_t n = loop_timer_count(loop);
    const struct loop_handle *v[256];
    size_t k = 0;
    double now = loop_time(loop);

    printf("  %stimers%s (%zu, in the order they fire):", play_c(P_BOLD), play_c(P_OFF), n);
    if (n == 0)
        printf(" none");
    printf("\n");
    for (size_t i = 0; i < n && k < 256; i++)
        if ((v[k] = loop_timer_at(loop, i)))
            k++;
    qsort(v, k, sizeof v[0], by_due);
    for (size_t i = 0; i < k; i++) {
        char buf[160];
        printf("    t=%-7g %-22s %s seq %-4llu%s\n", v[i]->when, name(v[i], buf, sizeof buf),
               v[i]->when <= now ? "(due now)  " : "", v[i]->seq,
               v[i]->cancelled ? "  (cancelled)" : "");
    }
    if (k > 0 && loop_timer_at(loop, 0) && loop_timer_at(loop, 0) != v[0])
        printf("    %s(heap slot 0 is not the first to fire: is the heap in order?)%s\n",
               play_c(P_YELLOW), play_c(P_OFF));
}

/* Run up to n iterations (loop_run_once), each one announced ("→ iteration
 * 3"), with how many callbacks ran and whether the virtual clock jumped;
 * stop early once nothing is left to run.  before (may be NULL) is
 * called ahead of each; file is the student file a CO_ENOSYS points to. */
static void play_loop_step(struct loop *loop, int *iteration, long long n, void (*before)(void),
                    const char *file)
{
    for (long long i = 0; i < n; i++) {
        double t0 = loop_time(loop);
        if (before)
            before();
        printf("%s%s iteration %d%s\n", play_c(P_BOLD), play_arrow(), *iteration + 1,
               play_c(P_OFF));
        fflush(stdout);
        int r = loop_run_once(loop);
        if (r < 0) {
            play_error("loop_run_once: %s%s", co_errname(r),
                       r == CO_ENOSYS ? play_todo_hint(file) : "");
            return;
        }
        (*iteration)++;
        printf("  %s%d callback%s ran%s", play_c(P_DIM), r, r == 1 ? "" : "s", play_c(P_OFF));
        if (loop_time(loop) != t0)
            printf("  %s(the clock jumped from t=%g to t=%g: nothing was ready, so it went to "
                   "the next timer)%s", play_c(P_DIM), t0, loop_time(loop), play_c(P_OFF));
        printf("\n");
        if (loop_ready_count(loop) == 0 && loop_timer_count(loop) == 0 &&
            loop_io_count(loop) == 0) {
            printf("  nothing is left to run.\n");
            return;
        }
    }
}

/* `step [N]`: N from argv[1] (default 1), then play_loop_step.  False
 * (with the usage said) when N is not from 1 to 1000. */
static bool play_loop_step_cmd(int argc, char **argv, struct loop *loop, int *iteration,
                               void (*before)(void), const char *file)
{
    long long n = 1;
    char err[128];

    if (play_arg_int(argc, argv, 1, 1, &n, err, sizeof err) != 0 || n < 1 || n > 1000) {
        play_error("step [N]: N from 1 to 1000");
        return false;
    }
    play_loop_step(loop, iteration, n, before, file);
    return true;
}

/* `run`: loop_run_forever, and what its result means. */
static void play_loop_run(struct loop *loop, const char *file)
{
    printf("%s%s loop_run_forever%s\n", play_c(P_BOLD), play_arrow(), play_c(P_OFF));
    fflush(stdout);
    int r = loop_run_forever(loop);
    printf("  loop_run_forever returned %s%s\n", co_errname(r),
           r == CO_OK ? " (loop_stop was called)"
           : r == CO_EDONE ? " (nothing left that could ever run, and no stop)"
           : r == CO_ENOSYS ? play_todo_hint(file) : "");
}

/* After scenario s's setup gave r: its failure, if any, then "Loaded". */
static void play_loop_loaded(const struct example_scenario *s, int r, const char *file)
{
    if (r != CO_OK)
        play_error("%s's setup: %s%s", s->name, co_errname(r),
                   r == CO_ENOSYS ? play_todo_hint(file) : "");
    printf("Loaded %s%s%s on a virtual clock; nothing has run yet.  `step` runs one "
           "iteration.\n", play_c(P_BOLD), s->name, play_c(P_OFF));
}

/* ---- a playground of scenarios on one loop ---------------------------------- */

struct loop play_loop;
bool play_have_loop;
int play_iteration;
static char scenario[32];
static const struct example_scenario *loaded;   /* its teardown is due */

int play_scenario_count(void)
{
    return play_examples_count() + play_loop_lab.nown;
}

const struct example_scenario *play_scenario_at(int i)
{
    int n = play_examples_count();
    return i < n ? play_example_at(i) : &play_loop_lab.own[i - n];
}

bool play_loop_need(void)
{
    if (!play_have_loop)
        play_error("no loop yet: `load NAME` (`scenarios` lists them)%s.",
                   play_loop_lab.no_loop ? play_loop_lab.no_loop : "");
    return play_have_loop;
}

void play_loop_teardown(void)
{
    if (play_have_loop)
        loop_close(&play_loop);
    if (loaded)
        loaded->teardown();       /* frees what the scenario made, on a closed loop */
    if (play_loop_lab.forget)
        play_loop_lab.forget();
    if (play_have_loop)
        loop_destroy(&play_loop);
    play_have_loop = false;
    loaded = NULL;
    play_iteration = 0;
}

void play_loop_context(char *buf, size_t n)
{
    if (play_have_loop)
        snprintf(buf, n, "%s t=%g", scenario, loop_time(&play_loop));
    else
        buf[0] = '\0';
}

void play_loop_complete_load(void)
{
    const char *words[64];
    int n = 0;

    for (int i = 0; i < play_scenario_count() && n < 64; i++)
        words[n++] = play_scenario_at(i)->name;
    play_complete_line("load", words, n);
}

void play_loop_cmd_scenarios(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    printf("Scenarios (`load NAME`):\n");
    for (int i = 0; i < play_scenario_count(); i++)
        printf("  %s%-22s%s %s\n", play_c(P_BOLD), play_scenario_at(i)->name, play_c(P_OFF),
               play_scenario_at(i)->about);
}

void play_loop_cmd_load(int argc, char **argv, const char *rest)
{
    (void)rest;
    if (argc < 2) {
        play_error("load NAME (`scenarios` lists them).");
        return;
    }
    for (int i = 0; i < play_scenario_count(); i++) {
        const struct example_scenario *s = play_scenario_at(i);
        if (strcmp(s->name, argv[1]) != 0)
            continue;
        play_loop_teardown();
        int r = loop_init(&play_loop, LOOP_CLOCK_VIRTUAL);
        if (r != CO_OK) {
            play_error("loop_init: %s%s", co_errname(r),
                       r == CO_ENOSYS ? play_todo_hint(play_loop_lab.file) : "");
            return;
        }
        play_have_loop = true;
        snprintf(scenario, sizeof scenario, "%s", s->name);
        loaded = s;
        play_loop_loaded(s, s->setup(&play_loop), play_loop_lab.file);
        play_loop_lab.show_all();
        return;
    }
    play_error("there is no scenario \"%s\" (`scenarios` lists them).", argv[1]);
}

void play_loop_cmd_step(int argc, char **argv, const char *rest)
{
    (void)rest;
    /* what a step makes (a task) is noted before the next one */
    if (play_loop_need() && play_loop_step_cmd(argc, argv, &play_loop, &play_iteration,
                                               play_loop_lab.before, play_loop_lab.file))
        play_loop_lab.show_all();
}

void play_loop_cmd_run(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (!play_loop_need())
        return;
    if (play_loop_lab.before)
        play_loop_lab.before();
    play_loop_run(&play_loop, play_loop_lab.file);
    play_loop_lab.show_all();
}

/* show, ready, timers, tasks: a look inside, once a loop is loaded */
void play_loop_cmd_show(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (play_loop_need())
        play_loop_lab.show_all();
}

void play_loop_cmd_ready(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (play_loop_need())
        play_loop_show_ready(&play_loop, play_loop_lab.handle_name);
}

void play_loop_cmd_timers(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (play_loop_need())
        play_loop_show_timers(&play_loop, play_loop_lab.handle_name);
}

void play_loop_cmd_tasks(int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    if (play_loop_need())
        play_loop_lab.show_tasks();
}
#else
typedef int play_loop_needs_a_loop;   /* a tree without lab03: nothing here */
#endif
