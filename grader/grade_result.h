/*
 * grade_result - the outcome of grading one lab of one submission: one
 * line per test of the points tables, the score, and every problem in
 * words.  The report writers (grade_report.h) print nothing else.
 */
#ifndef GRADE_RESULT_H
#define GRADE_RESULT_H

#include "grade_buf.h"
#include "grade_lab.h"

struct grade_test {
    char *name;          /* the test function */
    char *tcase;         /* its tcase, once it ran */
    double points;       /* from the points table */
    double score;        /* points if passed, else 0 */
    int passed;
    int ran;             /* Check reported it */
    int hidden;          /* from an instructor's hidden suite */
    char *message;       /* why it failed, in words; NULL when passed */
    char *where;         /* "file:line" of the failing check (for a timeout or a
                          * crash: the last check it got past); NULL when passed */
    char *output;        /* what it printed (trimmed); never for hidden tests */
    double time;         /* seconds, or -1 */
    int speed;           /* the speed part's row (grade_speed.h): its score is
                            credit x points, and it has these figures: */
    double credit;       /* 0..1, from the ratio */
    double mine_ns, ref_ns, ratio;  /* ns per operation, the submission's and the
                                       reference's, and ref/mine (0: not measured) */
};

struct grade_labres {
    char *lab;
    int submitted;               /* a student file of the lab was found */
    int error;                   /* the grader itself failed: see notes */
    struct grade_test *tests;    /* public tests first, then hidden ones */
    size_t n;
    double score, max;           /* filled by grade_labres_total */
    struct grade_strv problems;  /* short tags for a gradebook: "compile error", ... */
    struct grade_strv notes;     /* sentences explaining them */
    struct grade_strv ignored;   /* files of the submission not graded */
    struct grade_buf log;        /* compiler or linker messages */
    double elapsed;              /* seconds spent grading */
};

/* One line per test of pub (and hid, may be NULL), none passed yet, each
 * with message `why` (may be NULL). */
void grade_labres_init(struct grade_labres *r, const char *lab, const struct grade_points *pub,
                       const struct grade_points *hid, const char *why);
void grade_labres_free(struct grade_labres *r);

/* The line of test `name`, or NULL. */
struct grade_test *grade_labres_find(struct grade_labres *r, const char *name);

/* Set the message of every test that has not run to `why`. */
void grade_labres_not_run(struct grade_labres *r, const char *why);

/* Record a problem tag (once) and its sentence. */
void grade_labres_problem(struct grade_labres *r, const char *tag, const char *sentence);

/* Add up score and max. */
void grade_labres_total(struct grade_labres *r);

#endif
