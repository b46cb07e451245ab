/*
 * grade_intake - turn a course platform's export of a class into one
 * folder per student holding the lab files by their base names, and say
 * in words everything it could not map.
 *
 * The source is a folder or a zip.  Its top level is read by these rules
 * (grader/README.md, "Submissions as they arrive", is the manual):
 *   NAME/                                   one student, NAME (a plain class folder,
 *                                           Gradescope's submission_123/)
 *   Full Name_123_assignsubmission_file_/   Moodle: student "Full Name_123"
 *   name_123_456_FILE, name_late_123_456_FILE
 *                                           Canvas: student "name_123", file FILE
 *   NAME.zip                                one student, NAME, zipped
 *   .hidden, __MACOSX, any other loose file skipped, each with a note
 * A zip at the top of the source (the whole export) is opened first, and
 * a single folder at its top (an export's wrapper) is entered.
 *
 * Inside a student's material (folders, their files, zips opened in
 * turn) a file is a candidate for lab file F (gen.c) when its name is F
 * up to case, a resubmission suffix "-N" (Canvas) or " (N)" (a browser's
 * or Gradescope's download), at any depth.  Among candidates in one
 * folder the highest N wins (the latest), then the exact case; between
 * folders, one inside a folder named after the lab wins, else identical
 * copies are one; two different candidates are an ambiguity: none is
 * graded and the note names both.  Candidates inside hidden folders are
 * never graded and are named.
 *
 * Zips are opened with Debian's unzip, as the sandbox user, under
 * limits, after its listing shows at most 1000 entries and 32 MiB
 * unpacked, no symbolic link, no absolute path and no "..".
 */
#ifndef GRADE_INTAKE_H
#define GRADE_INTAKE_H

#include "grade_build.h"
#include "grade_ctx.h"
#include "grade_result.h"

/* The name of the notes file inside a staged student folder: one
 * "LAB<TAB>sentence" per line (LAB empty: about the whole submission). */
#define GRADE_INTAKE_NOTES ".grader-intake"

struct grade_intake_student {
    char *name;                 /* as the gradebook shows it */
    char *dir;                  /* the staged folder */
    struct grade_strv notes;    /* "LAB\tsentence", as in GRADE_INTAKE_NOTES */
};

struct grade_intake {
    struct grade_intake_student *v;   /* sorted by name */
    size_t n;
    struct grade_strv notes;    /* about the export as a whole */
};

/*
 * grade_intake_run - read the export `src` (a folder or a zip) for the
 * lab files of kits[0..nkits), and stage every student under `stage`
 * (created): stage/<student>/<lab file>, plus its GRADE_INTAKE_NOTES.
 * Returns 0, or -1 with why in err when the export itself cannot be read.
 */
int grade_intake_run(const struct grade_ctx *ctx, const struct grade_kit *kits, size_t nkits,
                     const char *src, const char *stage, struct grade_intake *in,
                     struct grade_buf *err);
void grade_intake_free(struct grade_intake *in);

/*
 * grade_intake_apply - add the notes a staged folder `dir` carries (if
 * any) to the results res[0..n) of its grading: each note goes to its
 * lab's result (a note about the whole submission, or about a lab not
 * among them, to the first), as the problem "intake: <sentence>".
 */
void grade_intake_apply(const char *dir, struct grade_labres *res, size_t n);

#endif
