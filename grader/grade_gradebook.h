/*
 * grade_gradebook - a class's grades from the JSON reports of its
 * students (one `grader --format json` report per student, named
 * <student>.json), written as a CSV.  `--gradebook DIR` reads a folder of
 * them however they were made (GNU parallel, a Slurm array, by hand);
 * `--batch` writes its reports, then calls the same code: the CSV is
 * written here and nowhere else.
 *
 * The CSV (GRADE_BOOK_CSV): student, one column per lab, total, error,
 * problems.  A lab whose grading failed (the report says grader_error, or
 * the report is missing or unreadable) has an empty cell, never a number,
 * and the total is empty; the error column says why.  A lab absent from
 * a report was not submitted: 0, "missing file".
 *
 * GRADE_BOOK_CANVAS: Canvas's gradebook import (Student, ID, SIS User
 * ID, SIS Login ID, Section, then one column per lab); a student named
 * "name_123" (as grade_intake names Canvas and Moodle students) has ID 123.
 * GRADE_BOOK_GRADESCOPE: Name, SID, Email, one column per lab, Total
 * Score: the columns Gradescope's score import asks to match.
 */
#ifndef GRADE_GRADEBOOK_H
#define GRADE_GRADEBOOK_H

#include <stddef.h>

#include "grade_buf.h"

enum grade_book_format { GRADE_BOOK_CSV, GRADE_BOOK_CANVAS, GRADE_BOOK_GRADESCOPE };

struct grade_book_cell {
    int present;                 /* the report has this lab */
    int error;                   /* its grading failed: no number */
    double points, max;
    struct grade_strv problems;
};

struct grade_book_row {
    char *student;
    struct grade_book_cell *cells;    /* one per book->labs, once finished */
    struct grade_strv lab_names;      /* while loading: the lab of each cell */
    size_t ncells;
    char *error;                      /* the whole report could not be read */
};

struct grade_book {
    struct grade_strv labs;           /* sorted, once finished */
    struct grade_book_row *rows;
    size_t n;
};

/* Add one student's report (the file `path`; missing or unreadable is a
 * row with an error, never a score). */
void grade_book_add_file(struct grade_book *b, const char *student, const char *path);

/* Add every DIR/<student>.json, by student name.  -1 if DIR cannot be read. */
int grade_book_add_dir(struct grade_book *b, const char *dir, struct grade_buf *err);

/* Write the gradebook (labs: at least these, may be NULL) to path. */
int grade_book_write(struct grade_book *b, const struct grade_strv *labs,
                     enum grade_book_format fmt, const char *path, struct grade_buf *err);

void grade_book_free(struct grade_book *b);

#endif
