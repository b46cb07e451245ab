/*
 * sh_state.c - the cache file (.labs-state at the root of the tree).
 *
 * It is only a cache: `list` shows a cached result only while every file
 * the result depends on is byte for byte what was checked (a
 * fingerprint of their contents), so it can never claim a lab that the
 * tests do not pass.  Deleting it loses nothing but the hints already
 * shown.  One record per line, tab-separated:
 *     current <lab>
 *     result  <lab> <fingerprint> <isolated> <build_failed> <ran> <passed>
 *             <total> <points> <max> <first test> <where> <tcase> <message>
 *     hints   <lab> <step> <how many shown>
 * each ending with a field "@<time>": when the record was written.
 *
 * Any number of shells, watchers and checks share the file: a save takes
 * an exclusive flock on .labs-state.lock, reads the file again, keeps for
 * every record (a lab's result, a lab's step's hints, the current lab)
 * the newer of the two, writes a temporary file and renames it over the
 * old one.  So nobody's newer result is ever lost and no reader ever
 * sees half a file.
 */
#include "sh.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define FIELDS_MAX 16

struct rec {
    char *f[FIELDS_MAX];   /* owned */
    int n;
    double t;              /* when it was written (seconds since the epoch) */
};

static struct rec *recs;
static int nrecs;

static void rec_free(struct rec *r)
{
    for (int i = 0; i < r->n; i++)
        free(r->f[i]);
    r->n = 0;
}

void sh_state_free(void)
{
    for (int i = 0; i < nrecs; i++)
        rec_free(&recs[i]);
    free(recs);
    recs = NULL;
    nrecs = 0;
}

static struct rec *rec_find(const char *kind, const char *lab, const char *extra)
{
    for (int i = 0; i < nrecs; i++) {
        struct rec *r = &recs[i];
        if (r->n >= 1 && strcmp(r->f[0], kind) == 0 &&
            (!lab || (r->n >= 2 && strcmp(r->f[1], lab) == 0)) &&
            (!extra || (r->n >= 3 && strcmp(r->f[2], extra) == 0)))
            return r;
    }
    return NULL;
}

static struct rec *rec_new(void)
{
    struct rec *v = realloc(recs, sizeof *v * (size_t)(nrecs + 1));
    if (!v)
        return NULL;
    recs = v;
    memset(&recs[nrecs], 0, sizeof recs[nrecs]);
    return &recs[nrecs++];
}

/* A field never holds a tab or a newline. */
static char *clean(const char *s)
{
    char *c = strdup(s ? s : "");
    for (char *p = c; p && *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
    return c;
}

static double now_real(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void rec_set(struct rec *r, int n, const char *const *fields)
{
    rec_free(r);
    for (int i = 0; i < n && i < FIELDS_MAX; i++)
        r->f[r->n++] = clean(fields[i]);
    r->t = now_real();
}

/* Two records are the same fact: the same kind, lab and (hints) step. */
static bool same_key(const struct rec *a, const struct rec *b)
{
    int k = strcmp(a->f[0], "current") == 0 ? 1 : strcmp(a->f[0], "hints") == 0 ? 3 : 2;

    if (a->n < k || b->n < k)
        return false;
    for (int i = 0; i < k; i++)
        if (strcmp(a->f[i], b->f[i]) != 0)
            return false;
    return true;
}

/* The records of the file's text, into *out (n of them). */
static int parse_records(char *text, struct rec **out)
{
    struct rec *v = NULL;
    int n = 0;

    for (char *p = text; p && *p;) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        if (*p && *p != '#') {
            struct rec *nv = realloc(v, sizeof *v * (size_t)(n + 1)), *r;
            char *s = p;

            if (!nv)
                break;
            v = nv;
            r = &v[n++];
            memset(r, 0, sizeof *r);
            while (r->n < FIELDS_MAX) {
                char *tab = strchr(s, '\t');
                if (tab)
                    *tab = '\0';
                if (s[0] == '@' && !tab)
                    r->t = strtod(s + 1, NULL);
                else
                    r->f[r->n++] = strdup(s);
                if (!tab)
                    break;
                s = tab + 1;
            }
            if (r->n == 0)
                n--;
        }
        p = eol ? eol + 1 : NULL;
    }
    *out = v;
    return n;
}

void sh_state_load(struct sh *sh)
{
    char *text = sh_read_file(sh->state_path, NULL);

    sh_state_free();
    if (!text)
        return;
    nrecs = parse_records(text, &recs);
    free(text);
}

/* Take the file's records that are newer than ours (or that we lack). */
static void merge_from_disk(struct sh *sh)
{
    char *text = sh_read_file(sh->state_path, NULL);
    struct rec *disk = NULL;
    int n = text ? parse_records(text, &disk) : 0;

    free(text);
    for (int i = 0; i < n; i++) {
        struct rec *mine = NULL;

        for (int k = 0; k < nrecs && !mine; k++)
            if (same_key(&recs[k], &disk[i]))
                mine = &recs[k];
        if (!mine)
            mine = rec_new();
        else if (mine->t >= disk[i].t)
            mine = NULL;
        else
            rec_free(mine);
        if (mine) {
            *mine = disk[i];             /* takes its strings */
            disk[i].n = 0;
        }
        rec_free(&disk[i]);
    }
    free(disk);
}

int sh_state_save(struct sh *sh)
{
    char tmp[4200], lock[4200];
    FILE *f;
    int lfd, r = 0;

    snprintf(lock, sizeof lock, "%s.lock", sh->state_path);
    lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lfd < 0)
        return -1;    /* a read-only tree: the cache is simply not kept */
    while (flock(lfd, LOCK_EX) != 0)
        ;
    merge_from_disk(sh);
    snprintf(tmp, sizeof tmp, "%s.tmp%d", sh->state_path, (int)getpid());
    f = fopen(tmp, "w");
    if (!f) {
        close(lfd);
        return -1;
    }
    fputs("# coro-labs shell (bin/labs): a cache of test results and of the hints\n"
          "# you have seen.  Safe to delete; `labs check` fills it again.\n", f);
    for (int i = 0; i < nrecs; i++) {
        for (int k = 0; k < recs[i].n; k++)
            fprintf(f, "%s%s", k ? "\t" : "", recs[i].f[k]);
        fprintf(f, "\t@%.6f\n", recs[i].t);
    }
    if (fclose(f) != 0 || rename(tmp, sh->state_path) != 0) {
        unlink(tmp);
        r = -1;
    }
    close(lfd);                   /* releases the lock */
    return r;
}

/* ---- fingerprints ------------------------------------------------------ */

static unsigned long long fnv(unsigned long long h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static unsigned long long fnv_file(unsigned long long h, const char *path)
{
    size_t len;
    char *text = sh_read_file(path, &len);

    h = fnv(h, path, strlen(path) + 1);
    if (!text)
        return fnv(h, "(missing)", 9);
    h = fnv(h, text, len);
    free(text);
    return h;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every header of a lab folder, in a stable order. */
static unsigned long long fnv_headers(unsigned long long h, struct sh *sh, struct sh_lab *lab)
{
    char dir[4200], path[4400];
    struct sh_strs names = { 0 };
    DIR *d;
    struct dirent *e;

    snprintf(dir, sizeof dir, "%s/%s", sh->root, lab->name);
    d = opendir(dir);
    if (!d)
        return h;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > 2 && strcmp(e->d_name + n - 2, ".h") == 0)
            sh_strs_add(&names, e->d_name);
    }
    closedir(d);
    if (names.n)
        qsort(names.v, (size_t)names.n, sizeof *names.v, cmp_str);
    for (int i = 0; i < names.n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
        h = fnv_file(h, path);
    }
    sh_strs_free(&names);
    return h;
}

unsigned long long sh_fingerprint(struct sh *sh, struct sh_lab *lab, bool isolated)
{
    unsigned long long h = 14695981039346656037ULL;
    struct sh_lab *chain[32];
    int n = isolated ? 1 : sh_lab_chain(sh, lab, chain, 32);
    char path[4400];

    if (isolated)
        chain[0] = lab;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < chain[i]->student.n; k++)
            h = fnv_file(h, sh_lab_path(sh, chain[i], chain[i]->student.v[k], path, sizeof path));
        h = fnv_headers(h, sh, chain[i]);
    }
    for (int k = 0; k < lab->tests.n; k++)
        h = fnv_file(h, sh_lab_path(sh, lab, lab->tests.v[k], path, sizeof path));
    h = fnv_file(h, sh_lab_path(sh, lab, "lab.mk", path, sizeof path));
    h = fnv_file(h, sh_lab_path(sh, lab, "lab.mk", path, sizeof path));
    return h;
}

/* ---- results ------------------------------------------------------------ */

void sh_state_put_result(struct sh *sh, struct sh_lab *lab, const struct sh_summary *s)
{
    char fp[32], iso[4], bf[4], ran[16], passed[16], total[16], pts[32], max[32];
    struct rec *r = rec_find("result", lab->name, NULL);

    if (!r)
        r = rec_new();
    if (!r)
        return;
    snprintf(fp, sizeof fp, "%016llx", sh_fingerprint(sh, lab, s->isolated));
    snprintf(iso, sizeof iso, "%d", s->isolated);
    snprintf(bf, sizeof bf, "%d", s->build_failed);
    snprintf(ran, sizeof ran, "%d", s->ran);
    snprintf(passed, sizeof passed, "%d", s->passed);
    snprintf(total, sizeof total, "%d", s->total);
    snprintf(pts, sizeof pts, "%.10g", s->points);
    snprintf(max, sizeof max, "%.10g", s->max_points);
    const char *f[] = { "result", lab->name, fp, iso, bf, ran, passed, total, pts, max,
                        s->first_test ? s->first_test : "", s->first_where ? s->first_where : "",
                        s->first_tcase ? s->first_tcase : "", s->first_msg ? s->first_msg : "" };
    rec_set(r, 14, f);
}

void sh_state_get_result(struct sh *sh, struct sh_lab *lab, struct sh_summary *s)
{
    struct rec *r = rec_find("result", lab->name, NULL);
    char fp[32];

    memset(s, 0, sizeof *s);
    s->total = lab->npoints;
    s->max_points = lab->max_points;
    if (!r || r->n < 14)
        return;
    s->valid = true;
    s->isolated = atoi(r->f[3]);
    s->build_failed = atoi(r->f[4]);
    s->ran = atoi(r->f[5]);
    s->passed = atoi(r->f[6]);
    s->points = strtod(r->f[8], NULL);
    s->first_test = *r->f[10] ? r->f[10] : NULL;
    s->first_where = *r->f[11] ? r->f[11] : NULL;
    s->first_tcase = *r->f[12] ? r->f[12] : NULL;
    s->first_msg = *r->f[13] ? r->f[13] : NULL;
    snprintf(fp, sizeof fp, "%016llx", sh_fingerprint(sh, lab, s->isolated));
    /* The points table may have changed since: recount what is known. */
    s->fresh = strcmp(fp, r->f[2]) == 0 && atoi(r->f[7]) == lab->npoints &&
               strtod(r->f[9], NULL) == lab->max_points;
}

/* ---- hints and the current lab ------------------------------------------ */

int sh_state_hints_shown(struct sh *sh, const char *lab, int step)
{
    char st[16];
    struct rec *r;

    (void)sh;
    snprintf(st, sizeof st, "%d", step);
    r = rec_find("hints", lab, st);
    return r && r->n >= 4 ? atoi(r->f[3]) : 0;
}

void sh_state_set_hints_shown(struct sh *sh, const char *lab, int step, int n)
{
    char st[16], num[16];
    struct rec *r;

    (void)sh;
    snprintf(st, sizeof st, "%d", step);
    snprintf(num, sizeof num, "%d", n);
    r = rec_find("hints", lab, st);
    if (!r)
        r = rec_new();
    if (!r)
        return;
    const char *f[] = { "hints", lab, st, num };
    rec_set(r, 4, f);
}

const char *sh_state_current(struct sh *sh)
{
    struct rec *r = rec_find("current", NULL, NULL);
    (void)sh;
    return r && r->n >= 2 ? r->f[1] : NULL;
}

void sh_state_set_current(struct sh *sh, const char *lab)
{
    struct rec *r = rec_find("current", NULL, NULL);
    (void)sh;
    if (!r)
        r = rec_new();
    if (!r)
        return;
    const char *f[] = { "current", lab };
    rec_set(r, 2, f);
}
