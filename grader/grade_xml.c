/* grade_xml.c - Check's XML log (see grade_xml.h). */
#include "grade_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade_buf.h"

/* Undo XML escapes in s[0..n): &lt; &gt; &amp; &quot; &apos; &#N; &#xN;. */
static char *unescape(const char *s, size_t n)
{
    struct grade_buf b;

    grade_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        static const struct { const char *ent; char c; } ents[] = {
            { "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' },
            { "&quot;", '"' }, { "&apos;", '\'' },
        };
        int done = 0;

        if (s[i] != '&') {
            grade_buf_add(&b, s + i, 1);
            continue;
        }
        for (size_t e = 0; e < sizeof ents / sizeof ents[0]; e++) {
            size_t len = strlen(ents[e].ent);

            if (i + len <= n && strncmp(s + i, ents[e].ent, len) == 0) {
                grade_buf_add(&b, &ents[e].c, 1);
                i += len - 1;
                done = 1;
                break;
            }
        }
        if (!done && i + 2 < n && s[i + 1] == '#') {
            char *end;
            long v = s[i + 2] == 'x' ? strtol(s + i + 3, &end, 16) : strtol(s + i + 2, &end, 10);

            if (end < s + n && *end == ';' && v > 0 && v < 128) {
                char c = (char)v;

                grade_buf_add(&b, &c, 1);
                i = (size_t)(end - s);
                done = 1;
            }
        }
        if (!done)
            grade_buf_add(&b, s + i, 1);
    }
    return grade_buf_take(&b);
}

/* The unescaped text of <tag>...</tag> within [from, to), or NULL. */
static char *field(const char *from, const char *to, const char *tag)
{
    char open[64], close[64];
    const char *a, *b;

    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    a = strstr(from, open);
    if (!a || a >= to)
        return NULL;
    a += strlen(open);
    b = strstr(a, close);
    if (!b || b > to)
        return NULL;
    return unescape(a, (size_t)(b - a));
}

void grade_xml_parse(const char *text, struct grade_xml_log *log)
{
    const char *p = text;

    log->tests = NULL;
    log->n = 0;
    log->complete = strstr(text, "</testsuites>") != NULL;
    while ((p = strstr(p, "<test result=\"")) != NULL) {
        const char *end = strstr(p, "</test>"), *r = p + 14;
        struct grade_xml_test t;
        char *duration, *iteration;

        if (!end)
            break;
        memset(&t, 0, sizeof t);
        if (strncmp(r, "success\"", 8) == 0)
            t.result = GRADE_XML_SUCCESS;
        else if (strncmp(r, "failure\"", 8) == 0)
            t.result = GRADE_XML_FAILURE;
        else
            t.result = GRADE_XML_ERROR;
        t.id = field(p, end, "id");
        t.tcase = field(p, end, "description");
        t.message = field(p, end, "message");
        t.fn = field(p, end, "fn");
        duration = field(p, end, "duration");
        iteration = field(p, end, "iteration");
        t.duration = duration ? strtod(duration, NULL) : -1;
        t.iteration = iteration ? atoi(iteration) : 0;
        free(duration);
        free(iteration);
        if (t.id) {
            log->tests = grade_realloc(log->tests, log->n + 1, sizeof *log->tests);
            log->tests[log->n++] = t;
        } else {
            free(t.tcase);
            free(t.message);
            free(t.fn);
        }
        p = end + 7;
    }
}

void grade_xml_free(struct grade_xml_log *log)
{
    for (size_t i = 0; i < log->n; i++) {
        free(log->tests[i].id);
        free(log->tests[i].tcase);
        free(log->tests[i].message);
        free(log->tests[i].fn);
    }
    free(log->tests);
    log->tests = NULL;
    log->n = 0;
}
