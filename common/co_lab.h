/*
 * co_lab - the lab manifest, LAB/lab.mk: the one reader of the one place
 * that says what a lab is.  The grader and the shell call it; Make and
 * the scripts ask `labinfo` (common/labinfo/labinfo.c), which calls it.
 *
 * The format (decided once; README.md of the repository shows a whole
 * manifest): one directive per line, '#' to the end of the line is a
 * comment, words are separated by blanks.  Header keys, each at most
 * once, before the first `step`:
 *
 *     lab       lab03_eventloop        must equal the folder name
 *     title     A round-robin event loop       (the rest of the line)
 *     student   loop.c                 files the student writes (base names)
 *     given     loop_given.c           given code, built into the skeleton
 *                                      build and the reference build alike
 *     deps      lab01_generators       direct earlier labs (readers take
 *                                      the closure: co_lab_closure)
 *     tests     tests/check_main.c ... test sources, check_main.c first
 *     examples  round_robin ...        examples/NAME.c
 *     bench     loop                   bench/NAME.c
 *     ldlibs    -lpthread              extra link flags
 *     calls     poll ppoll             extra C-library calls a submission may make
 *     defines   NAME ...               extra global symbols it may define
 *     syscalls  clone futex ...        extra system calls its tests (and the
 *                                      tests of the labs built on it) need;
 *                                      `clone` means threads only, never a
 *                                      process (grader/README.md, "The call
 *                                      list"; grader/grade_sandbox.c)
 *
 * then the steps, numbered 1, 2, ... without gaps, each followed by its
 * lines:
 *
 *     step   1 Round-robin of generators       number, then the title
 *     funcs  loop_round_robin                  what the step asks for
 *     test   test_round_robin_runs_each_in_turn   3      name, points
 *
 * Every graded test is one `test` line of one step: the `test` lines are
 * the points table.  Points are decimals (2.5).
 *
 * A lab may have one speed part, a line in the step whose functions its
 * workload needs most:
 *
 *     speed  loop 200000 10                    name, operations, points
 *
 * Its workload is the Check test test_speed_NAME of tests/speed_NAME.c
 * (a suite of its own, never in the lab's test program), which does
 * OPERATIONS operations (it reads the number from CORO_SPEED_OPS) and
 * checks their results.  The grader times it from outside, as CPU time,
 * against the reference's in the same run, and awards the points on the
 * ratio (grader/README.md, "The speed part"); only when every test of
 * steps 1..K (K: the step the line is in) passed.  Its points count in
 * max_points.
 *
 * Functions return CO_OK, or CO_EINVAL with a sentence in err that
 * starts with "FILE:LINE: " when a line is at fault.
 */
#ifndef CO_LAB_H
#define CO_LAB_H

#include <stddef.h>

/* A list of words, owned. */
struct co_lab_words {
    char **v;
    size_t n;
};

/* One graded test: a `test` line. */
struct co_lab_test {
    char *name;          /* the Check test function */
    double points;       /* >= 0 */
    int step;            /* the number of its step (1-based) */
};

/* One step: its `step` line and the lines below it. */
struct co_lab_step {
    int number;                  /* 1, 2, ... (index + 1) */
    char *title;                 /* "Round-robin of generators" */
    struct co_lab_words funcs;   /* the functions the step asks for */
    size_t first, ntests;        /* its tests: lab->test[first .. first+ntests) */
};

/* The speed part: a `speed` line; name is NULL when the lab has none. */
struct co_lab_speed {
    char *name;          /* "loop": the test test_speed_loop in tests/speed_loop.c */
    double ops;          /* operations one run of the workload does */
    double points;       /* >= 0 */
    int step;            /* the step it is in: steps 1..step must pass first */
};

/* A lab, as its manifest says. */
struct co_lab {
    char *name;                  /* "lab01_generators" */
    char *path;                  /* the manifest read: "ROOT/lab01_generators/lab.mk" */
    char *title;                 /* may be "" */
    struct co_lab_words student, given, deps, tests, examples, bench, ldlibs,
                        calls, defines, syscalls;
    struct co_lab_step *step;    /* steps in order */
    size_t nsteps;
    struct co_lab_test *test;    /* every graded test, in file order */
    size_t ntests;
    struct co_lab_speed speed;   /* its speed part, if any */
    double max_points;           /* the sum of the tests' points and the speed part's */
};

/* Read ROOT/NAME/lab.mk into lab (zeroed first; free with co_lab_free
 * whatever the result). */
int co_lab_load(const char *root, const char *name, struct co_lab *lab, char *err, size_t errlen);

/* The same from text already read; `path` names it in messages and
 * `name` is the folder's name (NULL: not checked). */
int co_lab_parse(const char *path, const char *name, const char *text, struct co_lab *lab,
                 char *err, size_t errlen);
void co_lab_free(struct co_lab *lab);

/*
 * co_lab_closure - every earlier lab `lab` builds on, directly or not,
 * each once, earliest first (a lab comes after the labs it needs), into
 * out (appended).  Reads their manifests under root.  Fails on a missing
 * lab, a broken manifest or a cycle.
 */
int co_lab_closure(const char *root, const struct co_lab *lab, struct co_lab_words *out,
                   char *err, size_t errlen);

/* The labs under root: folders lab0* with a lab.mk, sorted. */
int co_lab_list(const char *root, struct co_lab_words *names);

/* The test line of `name`, or NULL. */
const struct co_lab_test *co_lab_test_find(const struct co_lab *lab, const char *name);
/* The step that asks for function `func`, or NULL. */
const struct co_lab_step *co_lab_step_of_func(const struct co_lab *lab, const char *func);

/* Points as people write them: "3", "2.5" (buf of at least 32). */
const char *co_lab_points_str(double points, char *buf, size_t n);

void co_lab_words_add(struct co_lab_words *w, const char *s);
int co_lab_words_has(const struct co_lab_words *w, const char *s);
void co_lab_words_free(struct co_lab_words *w);

#endif
