/* grade_fs.c - careful file-system helpers (see grade_fs.h). */
#define _XOPEN_SOURCE 700
#include "grade_fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int grade_fs_read(const char *path, size_t max, struct grade_buf *out, int *truncated)
{
    char chunk[8192];
    size_t got = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

    if (truncated)
        *truncated = 0;
    if (fd < 0)
        return -errno;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            n = -errno;
            close(fd);
            return (int)n;
        }
        if (n == 0)
            break;
        if (got + (size_t)n > max) {
            grade_buf_add(out, chunk, max - got);
            if (truncated)
                *truncated = 1;
            break;
        }
        grade_buf_add(out, chunk, (size_t)n);
        got += (size_t)n;
    }
    close(fd);
    return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int grade_fs_write(const char *path, const char *data, size_t len, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    int r;

    if (fd < 0)
        return -errno;
    r = write_all(fd, data, len);
    if (fchmod(fd, mode) != 0 && r == 0)
        r = -errno;
    if (close(fd) != 0 && r == 0)
        r = -errno;
    return r;
}

int grade_fs_copy(const char *src, const char *dst, mode_t mode, size_t max)
{
    struct grade_buf b;
    struct stat st;
    int fd, r, truncated;

    /* O_NOFOLLOW refuses a link; O_NONBLOCK keeps a FIFO from hanging the
     * open, and fstat then refuses it. */
    fd = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return -errno;
    if (fstat(fd, &st) != 0) {
        r = -errno;
        close(fd);
        return r;
    }
    close(fd);
    if (!S_ISREG(st.st_mode))
        return -EINVAL;
    if ((size_t)st.st_size > max)
        return -EFBIG;
    grade_buf_init(&b);
    r = grade_fs_read(src, max, &b, &truncated);
    if (r == 0 && truncated)
        r = -EFBIG;
    if (r == 0)
        r = grade_fs_write(dst, b.data ? b.data : "", b.len, mode);
    grade_buf_destroy(&b);
    return r;
}

int grade_fs_mkdirs(const char *path, mode_t mode)
{
    char *p = grade_strdup(path);
    int r = 0;

    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;

            *s = '\0';
            if (mkdir(p, mode) != 0 && errno != EEXIST) {
                r = -errno;
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    free(p);
    return r;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path) != 0 && errno != ENOENT ? -1 : 0;
    return unlink(path) != 0 && errno != ENOENT ? -1 : 0;
}

int grade_fs_rmtree(const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -errno;
    if (nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS) != 0)
        return -errno;
    return 0;
}

static uid_t chown_uid;
static gid_t chown_gid;

static int chown_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return lchown(path, chown_uid, chown_gid) != 0 ? -1 : 0;
}

int grade_fs_chown_tree(const char *path, uid_t uid, gid_t gid)
{
    chown_uid = uid;
    chown_gid = gid;
    return nftw(path, chown_one, 32, FTW_PHYS) != 0 ? -errno : 0;
}

int grade_fs_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int grade_fs_is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *grade_path(const char *a, const char *b)
{
    size_t la = strlen(a);

    if (la && a[la - 1] == '/')
        return grade_strf("%s%s", a, b);
    return grade_strf("%s/%s", a, b);
}

char *grade_realpath(const char *path)
{
    char *r = realpath(path, NULL);

    if (!r)
        return NULL;
    return r;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int grade_fs_list(const char *dir, struct grade_strv *names)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t first = names->n;

    if (!d)
        return -errno;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        grade_strv_add(names, e->d_name);
    }
    closedir(d);
    qsort(names->v + first, names->n - first, sizeof *names->v, by_name);
    return 0;
}
