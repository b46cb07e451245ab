/*
 * grade_fs - the few file-system operations the grader needs, written so
 * that a hostile submission folder cannot steer them: copies refuse
 * symbolic links and anything but regular files, reads are capped.
 *
 * Functions return 0 on success and -errno on failure.
 */
#ifndef GRADE_FS_H
#define GRADE_FS_H

#include <stddef.h>
#include <sys/types.h>

#include "grade_buf.h"

/* Read at most max bytes of path into out (appended).  *truncated (may be
 * NULL) is set to 1 when the file was longer. */
int grade_fs_read(const char *path, size_t max, struct grade_buf *out, int *truncated);

/* Create or replace path with data, with the given mode. */
int grade_fs_write(const char *path, const char *data, size_t len, mode_t mode);

/* Copy the regular file src to dst (created with mode).  src must not be
 * a symbolic link (-ELOOP) nor anything but a regular file (-EINVAL), and
 * at most max bytes long (-EFBIG). */
int grade_fs_copy(const char *src, const char *dst, mode_t mode, size_t max);

/* mkdir -p with the given mode for the directories it creates. */
int grade_fs_mkdirs(const char *path, mode_t mode);

/* rm -rf, never following symbolic links. */
int grade_fs_rmtree(const char *path);

/* chown -R (no symbolic link followed). */
int grade_fs_chown_tree(const char *path, uid_t uid, gid_t gid);

/* 1 if path is a directory (following links), else 0. */
int grade_fs_is_dir(const char *path);
/* 1 if path is a regular file (following links), else 0. */
int grade_fs_is_file(const char *path);

/* "a/b", malloc'd. */
char *grade_path(const char *a, const char *b);

/* The absolute, canonical form of path (malloc'd), or NULL. */
char *grade_realpath(const char *path);

/* The sorted names in dir (no "." or ".."); -errno on failure. */
int grade_fs_list(const char *dir, struct grade_strv *names);

#endif
