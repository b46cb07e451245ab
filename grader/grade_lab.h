/*
 * grade_lab - what the grader knows about a lab: its manifest LAB/lab.mk,
 * read by common/co_lab.c (the one reader: the points table is its
 * `test` lines), and an instructor's hidden suite for it.
 */
#ifndef GRADE_LAB_H
#define GRADE_LAB_H

#include "grade_buf.h"

/* One line of a points table: "test_name points". */
struct grade_points_entry {
    char *name;          /* the Check test function's name */
    double points;       /* >= 0 */
};

/* A points table, in file order. */
struct grade_points {
    struct grade_points_entry *v;
    size_t n;
};

/*
 * grade_points_load - read a points table: one "name points" per line,
 * '#' starts a comment, blank lines are ignored.  Every name must appear
 * once.  Returns 0, or -1 with the reason in err.
 */
int grade_points_load(const char *path, struct grade_points *pt, struct grade_buf *err);
void grade_points_free(struct grade_points *pt);
/* Index of name in pt, or -1. */
long grade_points_find(const struct grade_points *pt, const char *name);
/* Sum of the points. */
double grade_points_total(const struct grade_points *pt);

/* A lab folder, as lab.mk describes it. */
struct grade_lab {
    char *name;                  /* "lab01_generators" */
    char *dir;                   /* absolute path of the lab folder */
    struct grade_strv student;   /* student files: base names ("gen.c") */
    struct grade_strv given;     /* given files, base names: their objects are
                                    prebuilt ($(BUILD)/sol/LAB/NAME.o) */
    struct grade_strv tests;     /* test sources, relative to dir; check_main.c first */
    struct grade_strv deps;      /* every earlier lab (transitively, earliest
                                    first), linked in from the reference */
    struct grade_strv ldlibs;    /* extra link flags */
    struct grade_strv calls;     /* extra library calls a submission may make */
    struct grade_strv defines;   /* extra global symbols it may define */
    struct grade_strv syscalls;  /* extra system calls its tests need */
    struct grade_strv headers;   /* the lab's own headers: base names of dir/<*.h> */
    struct grade_points points;  /* the manifest's `test` lines, in file order */
    struct {                     /* the manifest's `speed` line (co_lab.h) */
        char *name;              /* NULL: the lab has no speed part */
        double ops, points;
        int step;
        struct grade_strv gate;  /* the tests of steps 1..step: all must pass */
    } speed;
};

/*
 * grade_lab_load - read root/name/lab.mk (and the manifests of its
 * earlier labs, for the closure).  Returns 0, or -1 with the reason in
 * err ("FILE:LINE: ..." for a malformed manifest).
 */
int grade_lab_load(const char *root, const char *name, struct grade_lab *lab,
                   struct grade_buf *err);
void grade_lab_free(struct grade_lab *lab);

/* The labs under root: every folder lab0* with a lab.mk, sorted. */
int grade_lab_list(const char *root, struct grade_strv *names);

/*
 * An instructor's hidden suite for one lab (format: grader/README.md):
 * Check test sources whose suite makers are named make_*_suite, and a
 * points table of their own.  Test names must differ from the public ones.
 */
struct grade_hidden {
    char *dir;                   /* the folder holding them (absolute) */
    struct grade_strv sources;   /* absolute paths of the *.c files */
    struct grade_points points;  /* dir/points.txt */
};

/*
 * grade_hidden_load - find the hidden suite of `lab` under root: root/LAB/
 * if it exists, else root itself when it holds a points.txt and
 * `only_lab` is set (a single lab is graded).  Returns 1 if there is
 * none, 0 when found, -1 with the reason in err.
 */
int grade_hidden_load(const char *root, const struct grade_lab *lab, int only_lab,
                      struct grade_hidden *h, struct grade_buf *err);
void grade_hidden_free(struct grade_hidden *h);

#endif
