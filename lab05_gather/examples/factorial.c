/* factorial: the seed's gather of factorial("error"), A(2), B(3), C(4),
 * under both settings of return_exceptions.  False: the first exception
 * reaches the awaiting task at once, and the others keep running (main
 * waits for them, to show it).  True: the exception takes its place among
 * the results.  Each task steps at its own pace (A 1.0 s, B 1.1 s, C 1.2 s):
 * CPython's timer heap runs timers due at the same moment in no fixed
 * order, so equal deadlines would print differently.
 * Python twin: factorial.py. */
#include <string.h>

#include "example.h"

static enum co_exc_kind eof_error;

struct fact_frame {
    const char *name;
    int number, i;
    long long f;
    struct co_value slept;
};

static enum gen_step fact_body(struct gen *g, void *frame)
{
    struct fact_frame *f = frame;

    GEN_BEGIN(g);
    if (strcmp(f->name, "error") == 0) {
        say("task %s: raises EOFError", f->name);
        GEN_RAISE(g, eof_error, NULL);
    }
    f->f = 1;
    for (f->i = 2; f->i <= f->number; f->i++) {
        say("task %s: factorial(%d), i=%d...", f->name, f->number, f->i);
        TASK_AWAIT_GEN(g, task_sleep(1 + 0.1 * (f->name[0] - 'A'), co_none()), f->slept);
        f->f *= f->i;
    }
    say("task %s: %d! = %lld", f->name, f->number, f->f);
    GEN_RETURN(g, co_int(f->f));
    GEN_END(g);
}

static struct gen *factorial(const char *name, int number)
{
    struct gen *g = gen_new("factorial", fact_body, sizeof(struct fact_frame));

    if (g)
        *(struct fact_frame *)gen_frame(g) = (struct fact_frame){ .name = name, .number = number };
    return g;
}

struct main_frame {
    bool return_exceptions;
    struct gather *ga;
    struct co_value r;
    struct co_exc caught;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    struct aw aws[4];
    struct co_exc e;

    GEN_BEGIN(g);
    printf("-- return_exceptions=%s\n", f->return_exceptions ? "True" : "False");
    aws[0] = AW_CORO(factorial("error", 0));
    aws[1] = AW_CORO(factorial("A", 2));
    aws[2] = AW_CORO(factorial("B", 3));
    aws[3] = AW_CORO(factorial("C", 4));
    if (gather_new(task_running_loop(), aws, 4, f->return_exceptions, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    TASK_TRY_AWAIT(g, &f->ga->fut, f->r, f->caught);
    if (f->caught.kind == CO_EXC_NONE) {
        printf("results:");
        for (size_t i = 0; i < f->ga->n; i++) {
            if (gather_result_at(f->ga, i, &f->r, &e) == CO_OK)
                printf("%s %lld", i ? "," : "", f->r.as.i);
            else
                printf("%s %s()", i ? "," : "", co_exc_kind_name(e.kind));
        }
        printf("\n");
    } else if (co_exc_is(&f->caught, eof_error)) {
        say("main: gather raised EOFError");
        TASK_AWAIT_GEN(g, task_sleep(5, co_none()), f->r);   /* A, B, C go on */
    }
    say("main: end");
    gather_free(f->ga);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

static int run_main(bool return_exceptions)
{
    struct gen *g = gen_new("main", main_body, sizeof(struct main_frame));
    struct co_value out;
    struct co_exc exc;

    ((struct main_frame *)gen_frame(g))->return_exceptions = return_exceptions;
    return task_run(g, LOOP_CLOCK_VIRTUAL, &out, &exc);
}

int main(void)
{
    eof_error = co_exc_kind_new("EOFError", CO_EXCEPTION);
    return run_main(false) == CO_OK && run_main(true) == CO_OK ? 0 : 1;
}
