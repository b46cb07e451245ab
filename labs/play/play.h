/*
 * play - the playground engine behind `labs play LAB`.
 *
 * One engine program per lab (BUILD/<variant>/labs/play_LAB), linked with
 * that lab's files: the student's (variant tree) or the reference (sol).
 * The shell runs it as a child and talks to it over a pipe, one command
 * line in, its answer out, so that a crash of the student's code ends
 * the engine, never the shell.  The answer to every command ends with a
 * control line, and the engine may send completion words before it:
 *
 *     \036complete KEY WORD...   what Tab offers: KEY "-" = first words,
 *                                a command name = its arguments, "*" = any
 *     \036ready CONTEXT          the answer is complete; CONTEXT goes in
 *                                the prompt ("g1 fibo")
 *
 * Everything else the engine prints is shown as it is.
 *
 * Files: play_core.c (the read-eval loop, help), play_value.c (Python
 * literals in and out), play_gen.c (driving generators: lab01 and
 * lab02's catalogues), play_loop.c (the loop's part, lab03 on: the
 * examples' scenarios, the ready queue and timers, the commands every
 * such playground has), play_task.c (the tasks' part, lab04 on: what
 * each task awaits, Task.cancel), play_lab0N_*.c (one per lab: its
 * catalogue or scenarios, and its own commands; lab05's sees its
 * gathers and queues through labs/trace/trace_gather.h).
 */
#ifndef PLAY_H
#define PLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "co_exc.h"
#include "co_value.h"

struct gen;

/* A command of the playground: fn gets the words typed (argv[0] = the
 * command) and the rest of the line after the command, unsplit. */
typedef void play_cmd_fn(int argc, char **argv, const char *rest);

struct play_cmd {
    const char *name;
    play_cmd_fn *fn;
    const char *usage;     /* "send VALUE" */
    const char *help;      /* one line */
};

/* What a lab's engine file provides (play_lab0N_*.c defines play_lab). */
struct play_lab {
    const char *title;                 /* "lab01_generators: generators" */
    void (*intro)(void);               /* printed once at start */
    const struct play_cmd *cmds;       /* NULL-terminated by name */
    void (*context)(char *buf, size_t n);  /* the prompt's context */
    void (*complete)(void);            /* print \036complete lines */
    void (*cleanup)(void);             /* free everything at exit */
    void (*claims)(FILE *out);         /* `--claims` (NULL: nothing to claim) */
};
extern const struct play_lab play_lab;

/* ---- output (play_core.c) -------------------------------------------- */

/* Colour, when the shell says its terminal has it (LABS_COLOR=1). */
enum play_style { P_BOLD, P_DIM, P_RED, P_GREEN, P_YELLOW, P_BLUE, P_CYAN, P_OFF };
const char *play_c(enum play_style s);
/* A UTF-8 arrow or "->" (LABS_UTF8=1). */
const char *play_arrow(void);

/* Print an error the player made ("no generator g3"), in red. */
void play_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Run one command line as if the player typed it. */
void play_run_line(const char *line);

/* " (still a TODO in your FILE; `play LAB --ref` drives the reference)",
 * the hint for a CO_ENOSYS (in a buffer the next call reuses). */
const char *play_todo_hint(const char *file);

/* Print one \036complete line: key, then the words. */
void play_complete_line(const char *key, const char *const words[], int n);

/* ---- values (play_value.c) ------------------------------------------- */

/*
 * play_parse_value - read a Python literal: None, True/False (as 1/0),
 * integers, floats, 'strings' or "strings" with \n \t \\ \' \" escapes,
 * and [lists] of these.  Strings and lists are kept alive until the
 * engine exits (a co_value borrows its characters).  Returns 0, or -1
 * with a sentence in err.
 */
int play_parse_value(const char *text, struct co_value *out, char *err, size_t errn);

/*
 * play_parse_exc - an exception as typed: "ValueError", "ValueError boom",
 * "ValueError('boom')".  Returns 0, or -1 with a sentence in err.
 */
int play_parse_exc(const char *text, struct co_exc *out, char *err, size_t errn);

/* A Python list, as the playground has it: a CO_PTR to one of these. */
#define PLAY_LIST_MAX 32
struct play_list {
    int n;
    struct co_value items[PLAY_LIST_MAX];
};
struct play_list *play_list_new(void);          /* empty; NULL if out of memory */
struct play_list *play_as_list(struct co_value v);  /* NULL: v is not a list */
int play_list_append(struct play_list *l, struct co_value v);  /* -1 when full */

/* Python's `a + b` (op "+", or "+=" for the message), `a * b` and bool(v)
 * for the kinds above, with CPython's TypeError messages; 0 or -1 with
 * *exc set.  New strings and lists live until the engine exits. */
int play_add(struct co_value a, struct co_value b, const char *op, struct co_value *out,
             struct co_exc *exc);
int play_mul(struct co_value a, struct co_value b, struct co_value *out, struct co_exc *exc);
bool play_truthy(struct co_value v);

/* repr() of a value into buf: 1, 2.5, 'text', None, [1, 'b']. */
const char *play_repr(struct co_value v, char *buf, size_t n);

/* str() of a value, as print() writes it: text without its quotes. */
const char *play_str(struct co_value v, char *buf, size_t n);

/* "int", "float", ... from the Python side: what type() would say. */
const char *play_pytype(struct co_value v);

/* The names of the exception kinds, for completion. */
int play_exc_names(const char *names[], int max);

/* ---- generators (play_gen.c) ------------------------------------------ */

/* One entry of a lab's generator catalogue. */
struct play_gen_kind {
    const char *name;          /* "fibo" */
    const char *args;          /* "[N=100]" for help */
    const char *about;         /* one line */
    const char *python;        /* the Python it mirrors (shown by `source`) */
    /* Make one from the words after the name; NULL with a sentence in err. */
    struct gen *(*make)(int argc, char **argv, char *err, size_t errn);
    /* Print the frame's fields (NULL: the frame is private to gen.c). */
    void (*show_frame)(struct gen *g);
    /* What the Python would have printed during the last operation, each
     * line through play_gen_prints (NULL: it prints nothing).  *seen is
     * the kind's own counter, kept per generator. */
    void (*prints)(struct gen *g, int *seen);
    /* Sessions worth trying, "new NAME; next; send 1 | new NAME; ...":
     * the claims check (play_gen_claims) runs each one and prints what
     * the playground says Python answers, for CPython to confirm. */
    const char *tries;
};

/* A line the Python of the current operation prints (see `prints`). */
void play_gen_prints(const char *line);

/* The catalogue and the commands that drive generators: new, next, send,
 * throw, close, state, gens, use, free, source, catalogue.  A lab file
 * sets the catalogue, then lists these commands in its own table. */
void play_gen_set_catalogue(const struct play_gen_kind *kinds, int n);
extern const struct play_cmd play_gen_cmds[];
void play_gen_context(char *buf, size_t n);
void play_gen_complete(void);
void play_gen_cleanup(void);
/* The claims check (`play_LAB --claims`): runs every kind's `tries` and
 * prints one JSON object per session to `out`: the kind's Python source
 * and, per step, the Python line shown, the answer claimed ("" for a
 * statement, repr(value), "StopIteration value=REPR" or "Kind: message")
 * and the lines it claims Python prints.  grader/scripts/pycheck.py runs
 * them through CPython. */
void play_gen_claims(FILE *out);

/* The playground of a lab that is a catalogue of generators (lab01,
 * lab02): play_lab with the commands above over CATALOGUE (an array), and
 * an intro that sets the catalogue, calls HEAD (the lab's own lines: what
 * it shows, what to try), then says where the lists are. */
#define PLAY_GEN_LAB(TITLE, CATALOGUE, HEAD)                                       \
    static void play_gen_intro_(void)                                              \
    {                                                                              \
        play_gen_set_catalogue(CATALOGUE, (int)(sizeof CATALOGUE / sizeof CATALOGUE[0])); \
        HEAD();                                                                    \
        play_gen_intro_end();                                                      \
    }                                                                              \
    const struct play_lab play_lab = {                                             \
        .title = TITLE, .intro = play_gen_intro_, .cmds = play_gen_cmds,           \
        .context = play_gen_context, .complete = play_gen_complete,                \
        .cleanup = play_gen_cleanup, .claims = play_gen_claims,                    \
    }
/* The intro's last line (PLAY_GEN_LAB prints it). */
void play_gen_intro_end(void);

/* Helpers for catalogue makers: g as made (gen_new's answer), with the
 * sentence in err when it is NULL; an integer argument with a default. */
struct gen *play_gen_made(struct gen *g, char *err, size_t errn);
int play_arg_int(int argc, char **argv, int i, long long dflt, long long *out,
                 char *err, size_t errn);
int play_arg_value(int argc, char **argv, int i, struct co_value dflt, struct co_value *out,
                   char *err, size_t errn);

#endif
