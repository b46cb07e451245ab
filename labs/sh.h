/*
 * sh - the student shell (`bin/labs`): what its files share.
 *
 * The shell never links a lab's code.  Everything that runs a student's
 * file (the test programs, the playground engines, the traced examples)
 * is a separate program that `make` builds on demand and the shell runs
 * as a child process.  So a student file that does not compile, loops
 * forever or crashes can never take the shell down with it: the shell
 * reads the child's output and explains what happened.
 *
 * Everything about the labs is discovered from the tree at every
 * command (the manifest lab.mk of every lab0N_ folder, read by
 * common/co_lab.c as the grader reads it; hints.md; examples/): a lab that
 * appears while the shell runs is seen at once.  `check` asks the grader
 * itself (bin/grader --format json): one build-and-score path.
 *
 * Files, one concept each:
 *   sh_main.c      options, the root, the interactive loop, script mode
 *   sh_cmd.c       the command table, help, dispatch
 *   sh_complete.c  readline completion and history
 *   sh_labs.c      discovering labs; resolving "lab01", "01", "generators"
 *   sh_run.c       running a child process and capturing its output
 *   sh_term.c      colour (a terminal only, never with NO_COLOR), glyphs, width
 *   sh_state.c     the cache file .labs-state (results, hints shown)
 *   sh_progress.c  `list`, the greeting and "what to do next"
 *   sh_todo.c      which function of which student file a test points at
 *   sh_check.c     `check`: the grader's verdict (or --mine: make, run, read
 *                  TAP), explain the first failure of the first failing step
 *   sh_json.c      reading the grader's JSON report
 *   sh_hint.c      `hint`: hints.md, one hint at a time
 *   sh_watch.c     `watch`: inotify plus polling
 *   sh_reset.c     `reset`: the skeleton back, a backup first
 *   sh_play.c      `play`: the playground engine as a child process
 *   sh_trace.c     `trace`: run a traced example, the terminal timeline
 *   sh_svg.c       `trace --svg`: the same timeline as an SVG picture
 *   sh_bench.c     `bench`: the student's speed against the reference
 * Beside them: play/ (the playground engines), trace/ (what a traced
 * example links), tests/ (run.sh and the pseudo-terminal driver).
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ---- a growable text buffer (sh_run.c) ------------------------------ */

struct sh_buf {
    char *s;        /* NUL-terminated; NULL until something is added */
    size_t len;     /* bytes used, without the NUL */
    size_t cap;     /* bytes allocated */
};

void sh_buf_add(struct sh_buf *b, const char *s, size_t n);
void sh_buf_printf(struct sh_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *sh_buf_str(const struct sh_buf *b);   /* never NULL */
void sh_buf_free(struct sh_buf *b);

/* A list of strings, owned. */
struct sh_strs {
    char **v;       /* v[0..n-1], each malloc'ed */
    int n;
};
void sh_strs_add(struct sh_strs *l, const char *s);
void sh_strs_free(struct sh_strs *l);
int sh_strs_find(const struct sh_strs *l, const char *s);  /* index or -1 */

/* Split a command line into words: blanks separate, '...' and "..."
 * group (the quotes are kept, so that play's Python literals survive).
 * Returns the number of words, or -1 on an unterminated quote. */
int sh_split(const char *line, struct sh_strs *words);

/* Read a whole file; NULL if it cannot be read. */
char *sh_read_file(const char *path, size_t *len);

/* ---- the labs (sh_labs.c) ------------------------------------------- */

struct co_lab;

struct sh_points {
    char *test;     /* test name */
    double points;  /* decimals, as the manifest says */
    int step;       /* its step (1-based) */
};

struct sh_lab {
    char *name;              /* "lab01_generators" */
    int number;              /* 1 */
    struct sh_strs student;  /* the manifest's student files: "gen.c" */
    struct sh_strs tests;    /* its test sources */
    struct sh_strs examples; /* its examples */
    struct sh_strs deps;     /* every earlier lab, transitively, earliest first */
    struct sh_strs bench;    /* bench/NAME.c programs */
    struct sh_points *points;/* the manifest's test lines, in file order */
    int npoints;
    double max_points;
    struct co_lab *manifest; /* everything else (steps: funcs, titles) */
    char *error;             /* the manifest does not read: why (FILE:LINE) */
    bool given;              /* a handout gives it as its reference, compiled
                                (prebuilt/solutions/LAB/): no lab to do here */
};

struct sh {
    char *root;              /* absolute: the repository */
    char *build;             /* BUILD as make sees it (relative to root or absolute) */
    char *bin;               /* BIN likewise */
    char *state_path;        /* absolute: .labs-state */
    struct sh_lab *labs;     /* sorted by name */
    int nlabs;
    int current;             /* index into labs: the prompt's lab; -1 = none */
    bool interactive;        /* running the readline loop (may ask questions) */
    bool assume_yes;         /* --yes given globally */
    volatile int interrupted;/* set by SIGINT while a command runs */
};

/* (Re)read the lab.mk of every lab0N_ folder under sh->root.  Returns the number of
 * labs; keeps sh->current pointing at the same lab name. */
int sh_labs_load(struct sh *sh);
void sh_labs_free(struct sh *sh);

/* Find a lab by a name a student might type: "lab01_generators",
 * "lab01", "01", "1", "generators".  NULL if none or ambiguous; then,
 * when `complain` is set, says so on stderr with the known labs. */
struct sh_lab *sh_lab_find(struct sh *sh, const char *name, bool complain);

/* The lab a command without a LAB argument works on: the current one. */
struct sh_lab *sh_lab_default(struct sh *sh);
/* LAB is one to work on here: false (and says why) for a lab a handout
 * gives as its reference (check, hint, watch, reset ask this). */
bool sh_lab_handed_out(const struct sh_lab *lab);

/* Points of test `name` in lab (0 if not listed). */
double sh_lab_points(const struct sh_lab *lab, const char *test);
/* The step of test `name` (0 if not listed). */
int sh_lab_test_step(const struct sh_lab *lab, const char *test);
/* Points as the manifest writes them: "3", "2.5" (one of a few rotating
 * static buffers). */
const char *sh_pts(double points);

/* "ROOT/LAB/file" into buf (size n); returns buf. */
char *sh_lab_path(const struct sh *sh, const struct sh_lab *lab,
                  const char *file, char *buf, size_t n);

/* A lab's own lab, then every earlier lab it depends on (recursively,
 * each once), in dependency order: the labs whose student files a tree
 * build compiles.  Fills out[] (size max); returns how many. */
int sh_lab_chain(struct sh *sh, struct sh_lab *lab, struct sh_lab **out, int max);

/* Whether the reference solution of lab is in this tree: solutions/LAB/
 * (or its prebuilt objects, as a handout ships for earlier labs). */
bool sh_lab_has_reference(const struct sh *sh, const struct sh_lab *lab);

/* Find an example: "fibo" or "lab01_generators/fibo" or "lab01/fibo".
 * Sets *lab and returns the example's name, or NULL (and says why). */
const char *sh_example_find(struct sh *sh, const char *name, struct sh_lab **lab);

/* ---- child processes (sh_run.c) ------------------------------------- */

struct sh_proc {
    int status;          /* as waitpid gives it; -1 if it could not start */
    int exec_errno;      /* why it could not start (exec failed), or 0 */
    bool timed_out;      /* killed after the time limit */
    bool interrupted;    /* the student pressed Ctrl-C */
};

/*
 * sh_run - run argv in directory cwd (NULL: sh->root) with the extra
 * environment `env` ("NAME=value", NULL-terminated, may be NULL),
 * capturing stdout and stderr together in *out.  Kills it after
 * timeout_s seconds (0: no limit).  Returns 0 if it exited with status 0.
 */
int sh_run(struct sh *sh, char *const argv[], const char *cwd,
           char *const env[], int timeout_s, struct sh_buf *out,
           struct sh_proc *proc);

/* A one-line description of how a child ended: "exited with status 2",
 * "crashed: Segmentation fault", "was stopped after 60 s", "could not be
 * started: No such file or directory". */
const char *sh_proc_describe(const struct sh_proc *p, char *buf, size_t n);

/*
 * sh_make - build `target` (a path under BUILD) with the top-level
 * Makefile, quietly.  On failure, explains the compiler's first errors
 * (sh_check.c) and returns -1.  `what` names the build for messages.
 */
int sh_make(struct sh *sh, const char *target, const char *what);

/* Install (or remove) the SIGINT handler that sets sh->interrupted. */
void sh_catch_sigint(struct sh *sh, bool on);

/* ---- the terminal (sh_term.c) --------------------------------------- */

enum sh_style { SH_BOLD, SH_DIM, SH_RED, SH_GREEN, SH_YELLOW, SH_BLUE,
                SH_CYAN, SH_MAGENTA, SH_OFF, SH_STYLE_COUNT };
enum sh_glyph { SH_G_PASS, SH_G_FAIL, SH_G_NEXT, SH_G_DOT, SH_G_ARROW,
                SH_G_RUN, SH_G_YIELD, SH_G_DONE, SH_G_RAISE, SH_G_CALL,
                SH_G_WAIT, SH_G_HLINE, SH_GLYPH_COUNT };

/* Decide once: colour on a terminal without NO_COLOR (or forced by
 * --color / --no-color), UTF-8 glyphs when the locale is UTF-8. */
void sh_term_init(int force_color);   /* -1 auto, 0 never, 1 always */
bool sh_term_color(void);
const char *sh_c(enum sh_style s);    /* escape sequence, or "" */
const char *sh_g(enum sh_glyph g);    /* a UTF-8 glyph, or ASCII */
int sh_term_width(void);              /* columns, at least 40 */
bool sh_term_utf8(void);

/* Print text word-wrapped to the terminal width, each line indented;
 * sh_wrap_at starts on a line where the caller already wrote col0 columns. */
void sh_wrap(FILE *f, const char *text, int indent);
void sh_wrap_at(FILE *f, const char *text, int indent, int col0);

/* Messages: an error the student can fix (red "error:"), a note. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sh_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Display width of a UTF-8 string (one column per code point). */
int sh_width(const char *s);

/* ---- the cache file (sh_state.c) ------------------------------------ */

/* What the last `check` of a lab found, as the cache keeps it. */
struct sh_summary {
    bool valid;              /* a result is cached */
    bool fresh;              /* ... and the files it depends on did not change */
    bool isolated;           /* it was a --isolated check */
    bool build_failed;       /* it did not compile */
    int ran, passed, total;  /* tests run / passed / listed in the manifest */
    double points, max_points;
    char *first_test;        /* the first failing test, or NULL */
    char *first_where;       /* "tests/check_x.c:28" */
    char *first_tcase;
    char *first_msg;
};

/* A fingerprint of every file a check of lab depends on (its student
 * files, those of the labs it builds on unless isolated, its tests and
 * headers): a changed fingerprint makes a cached result stale. */
unsigned long long sh_fingerprint(struct sh *sh, struct sh_lab *lab, bool isolated);

void sh_state_load(struct sh *sh);
int sh_state_save(struct sh *sh);
void sh_state_put_result(struct sh *sh, struct sh_lab *lab, const struct sh_summary *s);
/* Fills *s (strings borrowed from the cache until the next put/load). */
void sh_state_get_result(struct sh *sh, struct sh_lab *lab, struct sh_summary *s);
int sh_state_hints_shown(struct sh *sh, const char *lab, int step);
void sh_state_set_hints_shown(struct sh *sh, const char *lab, int step, int n);
const char *sh_state_current(struct sh *sh);
void sh_state_set_current(struct sh *sh, const char *lab);
void sh_state_free(void);

/* ---- what to do next (sh_todo.c) ------------------------------------ */

struct sh_todo {
    char file[256];          /* "lab01_generators/gen.c" (relative to root) */
    char func[128];          /* "fibo_sm_next", or "" */
    int line;                /* line of the function (or the TODO), 0 if unknown */
    char marker[32];         /* "LAB 1.1", or "" */
    int step;                /* step number from the marker, 0 if unknown */
    bool todo_left;          /* the TODO comment is still there */
};

/* Where a failing test (its test source and tcase) points in the lab's
 * student files.  Falls back to the first TODO left, then to the first
 * student file.  Returns 0, or -1 when the lab has no student file. */
int sh_todo_for_test(struct sh *sh, struct sh_lab *lab, const char *test_file,
                     const char *tcase, const char *test, struct sh_todo *t);
/* The first TODO left in the lab's student files (for a lab never checked). */
int sh_todo_first(struct sh *sh, struct sh_lab *lab, struct sh_todo *t);
/* After a timeout, Check names the last check that passed (line `passed`
 * of test_file); the call that never returned is in the statement after
 * it.  *call_line = that statement's line; t = the first function it calls
 * that the lab's student files define (t->func "" if none).  0, or -1
 * when there is no statement after it. */
int sh_todo_hung_call(struct sh *sh, struct sh_lab *lab, const char *test_file, int passed,
                      int *call_line, struct sh_todo *t);

/* ---- commands ------------------------------------------------------- */

typedef int sh_cmd_fn(struct sh *sh, int argc, char **argv);

struct sh_cmd {
    const char *name;
    sh_cmd_fn *fn;
    const char *usage;       /* "check [LAB] [TEST] [--isolated]" */
    const char *summary;     /* one line for `help` */
    const char *help;        /* the full text for `help CMD` */
    const char *options;     /* completion candidates: "--isolated --verbose" */
    const char *args;        /* what positional words complete to: "lab", "lab test", "example" */
};

extern const struct sh_cmd sh_cmds[];
const struct sh_cmd *sh_cmd_find(const char *name);
/* Run one command line already split into words.  Returns its status:
 * 0 fine, 1 the check failed or the student has something to fix,
 * 2 a usage error. */
int sh_dispatch(struct sh *sh, int argc, char **argv);

/* Option parsing shared by the commands: true if argv[i] is `opt`. */
bool sh_opt(const char *arg, const char *opt);
/* Says "unknown option" and the command's usage; returns 2. */
int sh_usage(const char *cmd, const char *bad);

int sh_cmd_list(struct sh *sh, int argc, char **argv);
int sh_cmd_check(struct sh *sh, int argc, char **argv);
int sh_cmd_hint(struct sh *sh, int argc, char **argv);
int sh_cmd_watch(struct sh *sh, int argc, char **argv);
int sh_cmd_reset(struct sh *sh, int argc, char **argv);
int sh_cmd_play(struct sh *sh, int argc, char **argv);
int sh_cmd_trace(struct sh *sh, int argc, char **argv);
int sh_cmd_examples(struct sh *sh, int argc, char **argv);
int sh_cmd_bench(struct sh *sh, int argc, char **argv);
int sh_cmd_lab(struct sh *sh, int argc, char **argv);
int sh_cmd_help(struct sh *sh, int argc, char **argv);

/* ---- check, shared with watch and list ------------------------------ */

struct sh_test_result {
    char *name;              /* test_... */
    char *tcase;             /* Check's tcase name */
    char *file;              /* the test source, as Check names it */
    int line;                /* where it failed (0: unknown) */
    bool ok;
    char *msg;               /* Check's message */
};

struct sh_result {
    bool build_failed;
    bool crashed;            /* the test program ended abnormally */
    char crash[128];         /* how, in words */
    struct sh_test_result *tests;  /* in the order they ran */
    int ntests;
    int passed;
    double points;
    int not_run;             /* listed in the manifest, never reported */
    char speed[600];         /* the grader's words on the speed part (its
                                points are in `points`), or "" */
};

/*
 * sh_check_lab - build and run lab's tests (the student's own earlier
 * labs, or the reference ones when isolated).  Fills *r.  Prints the
 * build's errors itself.  Returns 0 when it ran (whatever the results),
 * -1 when it could not build or run.
 */
int sh_check_lab(struct sh *sh, struct sh_lab *lab, bool isolated, struct sh_result *r);
void sh_result_free(struct sh_result *r);
/* The first failure in full, a one-line summary of the rest, and the
 * next step.  `only` (a test name or NULL) shows that test instead. */
void sh_check_show(struct sh *sh, struct sh_lab *lab, const struct sh_result *r,
                   bool verbose, const char *only);
/* Store r in the cache. */
void sh_check_remember(struct sh *sh, struct sh_lab *lab, bool isolated,
                       const struct sh_result *r);

/* Explain a failed compiler/linker log in plain words (sh_check.c). */
void sh_explain_build_log(struct sh *sh, const char *log);

/* Print "Next: edit FILE, function F (line N) ... `hint LAB`". */
void sh_print_next_step(struct sh *sh, struct sh_lab *lab, const char *test_file,
                        const char *tcase, const char *test);

/* The hints.md step for a function to write (sh_todo's func and marker
 * step), else for a test (its name or source file): 0 if unknown. */
int sh_hint_step_for(struct sh *sh, struct sh_lab *lab, const char *func, int marker_step,
                     const char *test_file, const char *test);
/* The number of "## Step N" sections in the lab's hints.md (0: none). */
int sh_hint_steps(struct sh *sh, struct sh_lab *lab, int *numbers, int max);

/* How the student types a command, for advice: "`check lab01`" at the
 * prompt, "`bin/labs check lab01`" from the command line (sh_cmd.c).
 * Returns one of a few rotating static buffers. */
const char *sh_cmdref(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sh_cmdref_prefix(const char *prefix);

/* ---- trace: the timeline model (sh_trace.c), drawn by sh_svg.c too ---- */

enum sh_cell {
    SH_CELL_NONE,       /* not started yet, or finished */
    SH_CELL_SUSPENDED,  /* alive, waiting to be resumed */
    SH_CELL_BLOCKED,    /* running, but inside a call to someone else (a delegate) */
    SH_CELL_RUNNING,    /* running, and this column is its own */
};

enum sh_col_kind {
    SH_COL_RUN,         /* it ran (and goes on in the next column) */
    SH_COL_YIELD,       /* it ran and yielded */
    SH_COL_FINISH,      /* it ran and returned */
    SH_COL_RAISE,       /* it ran and an exception escaped */
    SH_COL_CALLBACK,    /* a callback ran */
    SH_COL_PRINT,       /* a line of output */
    SH_COL_NOTE,        /* anything else worth a mark */
};

#define SH_TRACE_MAX_ROWS 256   /* rows kept; later names share one "(others)" row */

struct sh_col {
    int owner;              /* the row this column belongs to */
    enum sh_col_kind kind;
    char label[160];        /* what the owner's cell says ("1", "'hi'", "ValueError") */
    char *detail;           /* the whole story, for --log and SVG tooltips */
    double time;            /* the loop's clock (0 without a loop) */
    unsigned char *cells;   /* one enum sh_cell per row (SH_TRACE_MAX_ROWS of them) */
};

struct sh_timeline {
    struct sh_strs rows;    /* generators, tasks, callbacks; "main" for the program */
    struct sh_col *cols;
    int ncols;
    bool clock;             /* the example ran a loop whose clock moved */
    bool truncated;         /* more steps than are kept */
    char title[160];
};

void sh_timeline_free(struct sh_timeline *t);
/* Write t as an SVG picture to path.  Returns 0, or -1 (and says why). */
int sh_svg_write(const struct sh_timeline *t, const char *path);

/* Short name for messages: "lab01". */
const char *sh_lab_short(const struct sh_lab *lab, char *buf, size_t n);

/* Print the greeting (interactive start). */
void sh_greet(struct sh *sh);
/* The lab to work on: the first one not known to pass all its tests. */
struct sh_lab *sh_progress_next_lab(struct sh *sh);

/* Readline completion and history (sh_complete.c). */
void sh_complete_init(struct sh *sh);
void sh_history_open(void);
void sh_history_add(const char *line);
/* Words the play sub-shell completes (set by sh_play.c), NULL to clear. */
void sh_complete_set_play_words(const struct sh_strs *words);

/* Ask a yes/no question; false on EOF.  `yes` answers without asking. */
bool sh_confirm(struct sh *sh, const char *question);

/* Read one line with the shell's prompt machinery (readline when
 * interactive, stdin otherwise).  Caller frees.  NULL at EOF. */
char *sh_readline(struct sh *sh, const char *prompt);

#endif
