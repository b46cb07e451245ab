/*
 * grade_check - the static checks of a submission, before any of its
 * code runs.  Each problem found is added to `problems` as a sentence a
 * student can act on, naming the file, symbol or instruction.
 *
 * On the preprocessed source (the compiler's own account of what it
 * read, so no include trick escapes it):
 *   - every file read must be in the fresh build folder (the pristine lab
 *     headers and the submission) or in a system include folder: the
 *     reference solutions, the tests and hidden suites are out of reach,
 *     however the path is spelled;
 *   - the submission's own lines may not use inline assembly, the
 *     builtins that read or rewrite the call stack, setjmp/longjmp
 *     builtins, or the C library's FILE internals;
 * With a real C front end (grade_check.py, libclang), on each student file:
 *   - no conversion between function pointers and data pointers or
 *     integers, no union holding a function pointer, no byte copy to or
 *     from one; no asm, stack builtins, setjmp/longjmp, #line; nothing
 *     that takes the address of, steps from, indexes or reads inside a
 *     library object (stdout, errno, ...); no constructor, destructor,
 *     ifunc, alias or section attribute, no atexit/signal and the like.
 * On the compiled object:
 *   - global symbols defined: only the lab's API (interposing a function
 *     of the C library or of the test framework is named as such);
 *   - symbols referenced: only the lab's allowed list;
 *   - no constructor, destructor or init/fini section, no GNU ifunc;
 *   - no system-call instruction in the machine code.
 */
#ifndef GRADE_CHECK_H
#define GRADE_CHECK_H

#include "grade_allow.h"
#include "grade_buf.h"
#include "grade_ctx.h"

/* Check the preprocessed file `ifile`, made in folder `fresh` from the
 * student files `own` (base names), and (grade_check.py) the student
 * file it was made from.  Returns the number of problems, or -1 when a
 * checker could not run (err says why: the grader's failure, not the
 * student's). */
int grade_check_source(const struct grade_ctx *ctx, const char *ifile, const char *fresh,
                       const struct grade_strv *own, struct grade_strv *problems,
                       struct grade_buf *err);

/* Check the object `ofile` (compiled from `shown`, a base name used in
 * messages) against the policy.  nm and objdump run as the sandbox user
 * in `dir`.  Returns the number of problems, or -1 when the tools could
 * not run (err says why). */
int grade_check_object(const struct grade_ctx *ctx, const char *dir, const char *ofile,
                       const char *shown, const struct grade_allow *al,
                       struct grade_strv *problems, struct grade_buf *err);

#endif
