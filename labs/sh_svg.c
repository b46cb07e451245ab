/*
 * sh_svg.c - `trace --svg FILE`: the timeline as an SVG picture.
 *
 * The same columns as the terminal drawing (sh_trace.c), with a box per
 * step, a dashed line while a generator is suspended, and each step's
 * whole story as a tooltip (<title>).  Plain SVG 1.1, no script, no
 * external resources: it opens in any browser and passes an XML parser.
 */
#include "sh.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CW 8        /* px per character column */
#define RH 28       /* px per row */

/* Text for XML: the five special characters escaped, control characters
 * dropped (XML 1.0 forbids most of them). */
static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            if (c >= 0x20 || c == '\t')
                fputc(c, f);
        }
    }
}

static int width_of(const struct sh_col *c)
{
    int w = sh_width(c->label) + 1;
    return w < 3 ? 3 : w;
}

static const char *fill_of(enum sh_col_kind k)
{
    switch (k) {
    case SH_COL_YIELD: return "#8fd19e";
    case SH_COL_FINISH: return "#8fb8e8";
    case SH_COL_RAISE: return "#f08c8c";
    case SH_COL_CALLBACK: return "#d7a6e8";
    case SH_COL_PRINT: return "#eeeeee";
    case SH_COL_NOTE: return "#f5dc8c";
    case SH_COL_RUN: return "#555555";
    }
    return "#cccccc";
}

/*
 * Where each column goes.  Without a clock, one after the other.  With
 * one, to scale: the steps that happen at one time of the loop's clock
 * (a "cluster") start at x0 + scale * time, one after the other, and the
 * scale is the smallest that leaves every cluster room before the next
 * time.  A gap that would then be drawn longer than GAP_MAX px is cut to
 * BREAK_W px and marked as broken on the axis: that is the only place
 * where the picture is not to scale.
 */
#define GAP_MAX 3000
#define BREAK_W 48
#define SPAN_MIN 480

struct layout {
    double *x;          /* per column: its left edge */
    bool *broken;       /* per column: the gap before it is drawn shorter */
    double scale;       /* px per second (0: no clock) */
    double end;         /* right edge of the last column */
};

static int layout(const struct sh_timeline *t, double x0, struct layout *l)
{
    double first = t->ncols ? t->cols[0].time : 0, span;

    l->x = calloc((size_t)(t->ncols ? t->ncols : 1), sizeof *l->x);
    l->broken = calloc((size_t)(t->ncols ? t->ncols : 1), sizeof *l->broken);
    if (!l->x || !l->broken) {
        free(l->x);
        free(l->broken);
        return -1;
    }
    l->scale = 0;
    span = t->ncols ? t->cols[t->ncols - 1].time - first : 0;
    if (t->clock && span > 0) {
        /* the scale: every cluster fits before the next time */
        double w = 0;
        for (int c = 0; c < t->ncols; c++) {
            w += width_of(&t->cols[c]) * CW;
            if (c + 1 < t->ncols && t->cols[c + 1].time > t->cols[c].time) {
                double need = w / (t->cols[c + 1].time - t->cols[c].time);
                if (need > l->scale)
                    l->scale = need;
                w = 0;
            }
        }
        if (l->scale < SPAN_MIN / span)
            l->scale = SPAN_MIN / span;
    }
    double x = x0, cluster = x0;
    for (int c = 0; c < t->ncols; c++) {
        if (c > 0 && l->scale > 0 && t->cols[c].time > t->cols[c - 1].time) {
            double at = cluster + l->scale * (t->cols[c].time - t->cols[c - 1].time);
            l->broken[c] = at - x > GAP_MAX;
            cluster = l->broken[c] ? x + BREAK_W : at;
            x = cluster;
        }
        l->x[c] = x;
        x += width_of(&t->cols[c]) * CW;
    }
    l->end = x;
    return 0;
}

/* The state row r is in after column c (while nothing else happens). */
static int state_after(const struct sh_timeline *t, int c, int r)
{
    const struct sh_col *col = &t->cols[c];
    if (col->owner == r)
        return col->kind == SH_COL_YIELD ? SH_CELL_SUSPENDED : SH_CELL_NONE;
    return r < SH_TRACE_MAX_ROWS ? col->cells[r] : SH_CELL_NONE;
}

int sh_svg_write(const struct sh_timeline *t, const char *path)
{
    FILE *f = fopen(path, "w");
    int namew = 6, top, width, height;
    struct layout l;

    if (!f) {
        sh_error("cannot write %s: %s.", path, strerror(errno));
        return -1;
    }
    for (int r = 0; r < t->rows.n; r++) {
        int w = sh_width(t->rows.v[r]) + 2;
        if (w > namew)
            namew = w;
    }
    if (layout(t, namew * CW + 10, &l) != 0) {
        fclose(f);
        sh_error("out of memory drawing %s.", path);
        return -1;
    }
    top = 44 + (t->clock ? 18 : 0);
    width = (int)l.end + 20;
    if (width < 480)
        width = 480;
    height = top + t->rows.n * RH + 40;

    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
               "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"monospace\" "
               "font-size=\"12\">\n", width, height, width, height);
    fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width,
            height);
    fprintf(f, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">");
    esc(f, t->title);
    fprintf(f, "</text>\n<text x=\"10\" y=\"36\" fill=\"#666\">%d rows, %d steps; ", t->rows.n,
            t->ncols);
    if (l.scale > 0) {
        bool any_break = false;
        for (int c = 0; c < t->ncols; c++)
            any_break |= l.broken[c];
        fprintf(f, "time in seconds on the loop's clock, to scale: 1 s = %.6g px%s</text>\n",
                l.scale, any_break ? "; a zigzag on the axis marks a gap drawn shorter" : "");
    }
    else if (t->clock)
        fprintf(f, "time in seconds on the loop's clock</text>\n");
    else
        fprintf(f, "time going right</text>\n");

    /* the time line: a mark where each moment starts, a zigzag for a broken gap */
    if (t->clock) {
        double next_free = 0;
        int axis = top - 4, bottom = top + t->rows.n * RH;
        fprintf(f, "<g fill=\"#0a7a8a\">\n");
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#0a7a8a\"/>\n",
                namew * CW + 10, axis, l.end, axis);
        for (int c = 0; c < t->ncols; c++) {
            if (c > 0 && t->cols[c].time == t->cols[c - 1].time)
                continue;
            if (l.broken[c]) {
                double mid = l.x[c] - BREAK_W / 2.0;
                fprintf(f, "<g class=\"break\"><title>a gap of %g s, drawn shorter than it "
                           "is</title><rect x=\"%.1f\" y=\"%d\" width=\"16\" height=\"10\" "
                           "fill=\"white\"/><path d=\"M%.1f %d l4 -5 l4 10 l4 -10 l4 5\" "
                           "fill=\"none\" stroke=\"#c33\" stroke-width=\"1.5\"/></g>\n",
                        t->cols[c].time - t->cols[c - 1].time, mid - 8, axis - 5, mid - 8, axis);
            }
            fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#cde\"/>\n",
                    l.x[c], axis, l.x[c], bottom);
            if (l.x[c] >= next_free) {
                fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%d\">t=%g</text>\n", l.x[c],
                        top - 8, t->cols[c].time);
                next_free = l.x[c] + 60;
            }
        }
        fprintf(f, "</g>\n");
    }

    for (int r = 0; r < t->rows.n; r++) {
        int y = top + r * RH;
        bool is_main = strcmp(t->rows.v[r], "main") == 0;
        fprintf(f, "<g>\n<text x=\"10\" y=\"%d\" font-weight=\"bold\">", y + RH / 2 + 4);
        esc(f, t->rows.v[r]);
        fprintf(f, "</text>\n");
        for (int c = 0; c < t->ncols; c++) {
            const struct sh_col *col = &t->cols[c];
            double x = l.x[c];
            int w = width_of(col) * CW;
            int cell = r < SH_TRACE_MAX_ROWS ? col->cells[r] : SH_CELL_NONE;
            if (col->owner == r) {
                fprintf(f, "<g><title>");
                esc(f, col->detail);
                fprintf(f, "</title><rect x=\"%.1f\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" "
                           "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>", x, y + 4, w - 2,
                        RH - 8, fill_of(col->kind));
                if (col->label[0]) {
                    fprintf(f, "<text x=\"%.1f\" y=\"%d\">", x + 3, y + RH / 2 + 4);
                    esc(f, col->label);
                    fprintf(f, "</text>");
                }
                fprintf(f, "</g>\n");
            } else if (cell == SH_CELL_BLOCKED) {
                fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%d\" height=\"4\" fill=\"#999\"/>\n",
                        x, y + RH / 2 - 2, w);
            } else if (cell == SH_CELL_SUSPENDED && !is_main) {
                fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#aaa\" "
                           "stroke-dasharray=\"2,3\"/>\n", x, y + RH / 2, x + w, y + RH / 2);
            }
            /* the time until the next step, if the clock moved: a waiting row waits */
            double gap_from = x + w, gap_to = c + 1 < t->ncols ? l.x[c + 1] : gap_from;
            if (gap_to > gap_from + 0.5 && !is_main) {
                int st = state_after(t, c, r);
                if (st == SH_CELL_SUSPENDED)
                    fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#aaa\" "
                               "stroke-dasharray=\"2,3\"/>\n", gap_from, y + RH / 2, gap_to,
                            y + RH / 2);
                else if (st == SH_CELL_BLOCKED)
                    fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"4\" "
                               "fill=\"#999\"/>\n", gap_from, y + RH / 2 - 2, gap_to - gap_from);
            }
        }
        fprintf(f, "</g>\n");
    }

    /* the legend */
    {
        static const struct { enum sh_col_kind k; const char *what; } keys[] = {
            { SH_COL_YIELD, "yielded" }, { SH_COL_FINISH, "returned" },
            { SH_COL_RAISE, "raised" }, { SH_COL_CALLBACK, "callback" },
            { SH_COL_PRINT, "printed" }, { SH_COL_NOTE, "note" }, { SH_COL_RUN, "running" },
        };
        int x = 10, y = top + t->rows.n * RH + 16;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\" "
                       "stroke=\"#333\" stroke-width=\"0.5\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                    x, y, fill_of(keys[i].k), x + 16, y + 10, keys[i].what);
            x += 16 + (int)strlen(keys[i].what) * CW + 14;
        }
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#aaa\" "
                   "stroke-dasharray=\"2,3\"/><text x=\"%d\" y=\"%d\">suspended</text>\n",
                x, y + 6, x + 20, y + 6, x + 24, y + 10);
    }
    fprintf(f, "</svg>\n");
    free(l.x);
    free(l.broken);
    if (fclose(f) != 0) {
        sh_error("cannot write %s: %s.", path, strerror(errno));
        return -1;
    }
    return 0;
}
