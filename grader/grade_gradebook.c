/* grade_gradebook.c - a class's CSV from its JSON reports (see grade_gradebook.h). */
#include "grade_gradebook.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "grade_fs.h"

#define MAX_REPORT (16 << 20)

/* ---- just enough JSON to read our own reports ---------------------------
 * A value is parsed into a small tree; strings keep their escapes decoded
 * for \" \\ \/ \n \t \r \b \f (and \uXXXX as '?', which names never hold). */
enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
    enum jt t;
    double num;           /* J_NUM, J_BOOL */
    char *str;            /* J_STR */
    struct jv *kid;       /* J_ARR, J_OBJ */
    char **key;           /* J_OBJ */
    size_t n;
};

struct jp {
    const char *p, *end;
    int depth;
};

static void jv_free(struct jv *v)
{
    for (size_t i = 0; i < v->n; i++) {
        jv_free(&v->kid[i]);
        if (v->key)
            free(v->key[i]);
    }
    free(v->kid);
    free(v->key);
    free(v->str);
}

static void ws(struct jp *j)
{
    while (j->p < j->end && isspace((unsigned char)*j->p))
        j->p++;
}

static int parse(struct jp *j, struct jv *v);

static int parse_str(struct jp *j, char **out)
{
    struct grade_buf b;

    if (j->p >= j->end || *j->p != '"')
        return -1;
    j->p++;
    grade_buf_init(&b);
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;

        if (c == '\\' && j->p < j->end) {
            c = *j->p++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u':
                j->p += j->end - j->p >= 4 ? 4 : j->end - j->p;
                c = '?';
                break;
            default: break;
            }
        }
        grade_buf_add(&b, &c, 1);
    }
    if (j->p >= j->end) {
        grade_buf_destroy(&b);
        return -1;
    }
    j->p++;
    *out = b.data ? grade_buf_take(&b) : grade_strdup("");
    return 0;
}

static int parse_list(struct jp *j, struct jv *v, int obj)
{
    char close = obj ? '}' : ']';

    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 0;
    }
    for (;;) {
        char *key = NULL;

        ws(j);
        if (obj) {
            if (parse_str(j, &key) != 0)
                return -1;
            ws(j);
            if (j->p >= j->end || *j->p != ':') {
                free(key);
                return -1;
            }
            j->p++;
        }
        v->kid = grade_realloc(v->kid, v->n + 1, sizeof *v->kid);
        if (obj)
            v->key = grade_realloc(v->key, v->n + 1, sizeof *v->key);
        memset(&v->kid[v->n], 0, sizeof *v->kid);
        if (obj)
            v->key[v->n] = key;
        v->n++;
        if (parse(j, &v->kid[v->n - 1]) != 0)
            return -1;
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return 0;
        }
        return -1;
    }
}

static int parse(struct jp *j, struct jv *v)
{
    ws(j);
    if (j->p >= j->end || ++j->depth > 64)
        return -1;
    memset(v, 0, sizeof *v);
    switch (*j->p) {
    case '{':
    case '[': {
        int r;

        v->t = *j->p == '{' ? J_OBJ : J_ARR;
        r = parse_list(j, v, v->t == J_OBJ);
        j->depth--;
        return r;
    }
    case '"':
        v->t = J_STR;
        j->depth--;
        return parse_str(j, &v->str);
    case 't':
    case 'f':
    case 'n': {
        static const char *const words[] = { "true", "false", "null" };

        for (int w = 0; w < 3; w++) {
            size_t len = strlen(words[w]);

            if ((size_t)(j->end - j->p) >= len && strncmp(j->p, words[w], len) == 0) {
                v->t = w == 2 ? J_NULL : J_BOOL;
                v->num = w == 0;
                j->p += len;
                j->depth--;
                return 0;
            }
        }
        return -1;
    }
    default: {
        char *end;

        v->t = J_NUM;
        v->num = strtod(j->p, &end);
        if (end == j->p || end > j->end)
            return -1;
        j->p = end;
        j->depth--;
        return 0;
    }
    }
}

static const struct jv *get(const struct jv *o, const char *key)
{
    if (!o || o->t != J_OBJ)
        return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->key[i], key) == 0)
            return &o->kid[i];
    return NULL;
}

/* ---- rows ---------------------------------------------------------------- */

static struct grade_book_row *new_row(struct grade_book *b, const char *student)
{
    struct grade_book_row *r;

    b->rows = grade_realloc(b->rows, b->n + 1, sizeof *b->rows);
    r = &b->rows[b->n++];
    memset(r, 0, sizeof *r);
    r->student = grade_strdup(student);
    return r;
}

/* Fill r from the report's "labs" (or "extra_data"."labs") array. */
static int read_labs(struct grade_book_row *r, const struct jv *top)
{
    const struct jv *labs = get(top, "labs");

    if (!labs)
        labs = get(get(top, "extra_data"), "labs");
    if (!labs || labs->t != J_ARR)
        return -1;
    for (size_t i = 0; i < labs->n; i++) {
        const struct jv *l = &labs->kid[i], *name = get(l, "lab"), *pts = get(l, "points");
        const struct jv *max = get(l, "max_points"), *err = get(l, "grader_error");
        const struct jv *probs = get(l, "problems");
        struct grade_book_cell *c;

        if (!name || name->t != J_STR || !pts || pts->t != J_NUM)
            return -1;
        r->cells = grade_realloc(r->cells, r->ncells + 1, sizeof *r->cells);
        c = &r->cells[r->ncells++];
        memset(c, 0, sizeof *c);
        grade_strv_add(&r->lab_names, name->str);
        c->present = 1;
        c->points = pts->num;
        c->max = max && max->t == J_NUM ? max->num : 0;
        c->error = err && err->t == J_BOOL && err->num != 0;
        for (size_t k = 0; probs && probs->t == J_ARR && k < probs->n; k++)
            if (probs->kid[k].t == J_STR)
                grade_strv_add(&c->problems, probs->kid[k].str);
    }
    return 0;
}

void grade_book_add_file(struct grade_book *b, const char *student, const char *path)
{
    struct grade_book_row *r = new_row(b, student);
    struct grade_buf text;
    int truncated = 0, e;

    grade_buf_init(&text);
    e = grade_fs_read(path, MAX_REPORT, &text, &truncated);
    if (e != 0) {
        r->error = grade_strf("no report (%s)", strerror(-e));
    } else if (truncated) {
        r->error = grade_strf("its report is over %d MiB", MAX_REPORT >> 20);
    } else {
        struct jp j = { .p = grade_buf_str(&text), .end = grade_buf_str(&text) + text.len };
        struct jv top = { 0 };

        if (parse(&j, &top) != 0 || read_labs(r, &top) != 0)
            r->error = grade_strdup("its report is not a grader JSON report");
        jv_free(&top);
    }
    grade_buf_destroy(&text);
}

int grade_book_add_dir(struct grade_book *b, const char *dir, struct grade_buf *err)
{
    struct grade_strv names = { 0 };

    if (grade_fs_list(dir, &names) != 0) {
        grade_buf_addf(err, "cannot read the folder %s", dir);
        return -1;
    }
    for (size_t i = 0; i < names.n; i++) {
        size_t len = strlen(names.v[i]);
        char *path, *student;

        if (len <= 5 || strcmp(names.v[i] + len - 5, ".json") != 0 || names.v[i][0] == '.')
            continue;
        path = grade_path(dir, names.v[i]);
        student = grade_strf("%.*s", (int)(len - 5), names.v[i]);
        grade_book_add_file(b, student, path);
        free(path);
        free(student);
    }
    grade_strv_free(&names);
    return 0;
}

/* ---- writing ------------------------------------------------------------- */

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_student(const void *a, const void *b)
{
    return strcmp(((const struct grade_book_row *)a)->student,
                  ((const struct grade_book_row *)b)->student);
}

/* Put every row's cells in the order of b->labs (the union, sorted). */
static void finish(struct grade_book *b, const struct grade_strv *labs)
{
    for (size_t i = 0; labs && i < labs->n; i++)
        grade_strv_add_once(&b->labs, labs->v[i]);
    for (size_t r = 0; r < b->n; r++)
        for (size_t c = 0; c < b->rows[r].lab_names.n; c++)
            grade_strv_add_once(&b->labs, b->rows[r].lab_names.v[c]);
    if (b->labs.n)
        qsort(b->labs.v, b->labs.n, sizeof *b->labs.v, by_str);
    if (b->n)
        qsort(b->rows, b->n, sizeof *b->rows, by_student);
    for (size_t r = 0; r < b->n; r++) {
        struct grade_book_row *row = &b->rows[r];
        struct grade_book_cell *cells = grade_calloc(b->labs.n ? b->labs.n : 1, sizeof *cells);

        for (size_t l = 0; l < b->labs.n; l++) {
            for (size_t c = 0; c < row->lab_names.n; c++) {
                if (strcmp(row->lab_names.v[c], b->labs.v[l]) == 0) {
                    cells[l] = row->cells[c];
                    row->cells[c] = (struct grade_book_cell){ 0 };
                }
            }
        }
        for (size_t c = 0; c < row->ncells; c++)
            grade_strv_free(&row->cells[c].problems);
        free(row->cells);
        row->cells = cells;
        row->ncells = b->labs.n;
        grade_strv_free(&row->lab_names);
    }
}

static void csv_field(struct grade_buf *out, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        grade_buf_adds(out, s);
        return;
    }
    grade_buf_adds(out, "\"");
    for (; *s; s++) {
        if (*s == '"')
            grade_buf_adds(out, "\"");
        grade_buf_add(out, s, 1);
    }
    grade_buf_adds(out, "\"");
}

/* A row's total (1), or 0 when some lab has no number. */
static int row_total(const struct grade_book_row *row, double *total)
{
    *total = 0;
    if (row->error)
        return 0;
    for (size_t l = 0; l < row->ncells; l++) {
        if (row->cells[l].error)
            return 0;
        *total += row->cells[l].points;
    }
    return 1;
}

static void add_cell(struct grade_buf *out, const struct grade_book_row *row, size_t l)
{
    if (row->error || row->cells[l].error)
        return;
    grade_buf_addf(out, "%.10g", row->cells[l].present ? row->cells[l].points : 0);
}

/* "name_123" -> name, id 123. */
static void split_id(const char *student, char **name, char **id)
{
    const char *u = strrchr(student, '_');

    if (u && u > student && u[1] && strspn(u + 1, "0123456789") == strlen(u + 1)) {
        *name = grade_strf("%.*s", (int)(u - student), student);
        *id = grade_strdup(u + 1);
    } else {
        *name = grade_strdup(student);
        *id = grade_strdup("");
    }
}

static void write_plain(const struct grade_book *b, struct grade_buf *csv)
{
    grade_buf_adds(csv, "student");
    for (size_t l = 0; l < b->labs.n; l++) {
        grade_buf_adds(csv, ",");
        csv_field(csv, b->labs.v[l]);
    }
    grade_buf_adds(csv, ",total,error,problems\n");
    for (size_t r = 0; r < b->n; r++) {
        const struct grade_book_row *row = &b->rows[r];
        struct grade_buf errs, probs;
        double total;

        grade_buf_init(&errs);
        grade_buf_init(&probs);
        csv_field(csv, row->student);
        for (size_t l = 0; l < row->ncells; l++) {
            const struct grade_book_cell *c = &row->cells[l];
            struct grade_buf *to = c->error ? &errs : &probs;

            grade_buf_adds(csv, ",");
            add_cell(csv, row, l);
            if (!c->present && !row->error) {
                grade_buf_addf(&probs, "%s%s: missing file", probs.len ? " | " : "",
                               b->labs.v[l]);
                continue;
            }
            if (!c->problems.n && !c->error)
                continue;
            grade_buf_addf(to, "%s%s: ", to->len ? " | " : "", b->labs.v[l]);
            if (c->error && !(c->problems.n && strncmp(c->problems.v[0], "grader error", 12) == 0))
                grade_buf_addf(to, "grader error%s", c->problems.n ? "; " : "");
            for (size_t p = 0; p < c->problems.n; p++)
                grade_buf_addf(to, "%s%s", p ? "; " : "", c->problems.v[p]);
        }
        if (row->error)
            grade_buf_addf(&errs, "grader error: %s", row->error);
        grade_buf_adds(csv, ",");
        if (row_total(row, &total))
            grade_buf_addf(csv, "%.10g", total);
        grade_buf_adds(csv, ",");
        csv_field(csv, grade_buf_str(&errs));
        grade_buf_adds(csv, ",");
        csv_field(csv, grade_buf_str(&probs));
        grade_buf_adds(csv, "\n");
        grade_buf_destroy(&errs);
        grade_buf_destroy(&probs);
    }
}

static void write_canvas(const struct grade_book *b, struct grade_buf *csv)
{
    grade_buf_adds(csv, "Student,ID,SIS User ID,SIS Login ID,Section");
    for (size_t l = 0; l < b->labs.n; l++) {
        grade_buf_adds(csv, ",");
        csv_field(csv, b->labs.v[l]);
    }
    grade_buf_adds(csv, "\n");
    for (size_t r = 0; r < b->n; r++) {
        char *name, *id;

        split_id(b->rows[r].student, &name, &id);
        csv_field(csv, name);
        grade_buf_adds(csv, ",");
        csv_field(csv, id);
        grade_buf_adds(csv, ",,");
        if (!*id)
            csv_field(csv, name);
        grade_buf_adds(csv, ",");
        for (size_t l = 0; l < b->rows[r].ncells; l++) {
            grade_buf_adds(csv, ",");
            add_cell(csv, &b->rows[r], l);
        }
        grade_buf_adds(csv, "\n");
        free(name);
        free(id);
    }
}

static void write_gradescope(const struct grade_book *b, struct grade_buf *csv)
{
    grade_buf_adds(csv, "Name,SID,Email");
    for (size_t l = 0; l < b->labs.n; l++) {
        grade_buf_adds(csv, ",");
        csv_field(csv, b->labs.v[l]);
    }
    grade_buf_adds(csv, ",Total Score\n");
    for (size_t r = 0; r < b->n; r++) {
        char *name, *id;
        double total;

        split_id(b->rows[r].student, &name, &id);
        csv_field(csv, name);
        grade_buf_adds(csv, ",");
        csv_field(csv, id);
        grade_buf_adds(csv, ",");
        if (strchr(b->rows[r].student, '@'))
            csv_field(csv, b->rows[r].student);
        for (size_t l = 0; l < b->rows[r].ncells; l++) {
            grade_buf_adds(csv, ",");
            add_cell(csv, &b->rows[r], l);
        }
        grade_buf_adds(csv, ",");
        if (row_total(&b->rows[r], &total))
            grade_buf_addf(csv, "%.10g", total);
        grade_buf_adds(csv, "\n");
        free(name);
        free(id);
    }
}

int grade_book_write(struct grade_book *b, const struct grade_strv *labs,
                     enum grade_book_format fmt, const char *path, struct grade_buf *err)
{
    struct grade_buf csv;
    int r;

    finish(b, labs);
    grade_buf_init(&csv);
    if (fmt == GRADE_BOOK_CANVAS)
        write_canvas(b, &csv);
    else if (fmt == GRADE_BOOK_GRADESCOPE)
        write_gradescope(b, &csv);
    else
        write_plain(b, &csv);
    r = grade_fs_write(path, csv.data ? csv.data : "", csv.len, 0644);
    if (r != 0)
        grade_buf_addf(err, "cannot write %s: %s", path, strerror(-r));
    grade_buf_destroy(&csv);
    return r ? -1 : 0;
}

void grade_book_free(struct grade_book *b)
{
    for (size_t r = 0; r < b->n; r++) {
        for (size_t c = 0; c < b->rows[r].ncells; c++)
            grade_strv_free(&b->rows[r].cells[c].problems);
        free(b->rows[r].cells);
        grade_strv_free(&b->rows[r].lab_names);
        free(b->rows[r].student);
        free(b->rows[r].error);
    }
    free(b->rows);
    grade_strv_free(&b->labs);
    memset(b, 0, sizeof *b);
}
