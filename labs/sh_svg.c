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

int sh_svg_write(const struct sh_timeline *t, const char *path)
{
    FILE *f = fopen(path, "w");
    int namew = 6, total = 0, top, width, height;

    if (!f) {
        sh_error("cannot write %s: %s.", path, strerror(errno));
        return -1;
    }
    for (int r = 0; r < t->rows.n; r++) {
        int w = sh_width(t->rows.v[r]) + 2;
        if (w > namew)
            namew = w;
    }
    for (int c = 0; c < t->ncols; c++)
        total += width_of(&t->cols[c]);
    top = 44 + (t->clock ? 18 : 0);
    width = (namew + total) * CW + 20;
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
    fprintf(f, "</text>\n<text x=\"10\" y=\"36\" fill=\"#666\">%d rows, %d steps; %s</text>\n",
            t->rows.n, t->ncols,
            t->clock ? "time in seconds on the loop's clock" : "time going right");

    /* the time line */
    if (t->clock) {
        int x = namew * CW + 10, next_free = 0;
        fprintf(f, "<g fill=\"#0a7a8a\">\n");
        for (int c = 0; c < t->ncols; c++) {
            if ((c == 0 || t->cols[c].time != t->cols[c - 1].time) && x >= next_free) {
                fprintf(f, "<text x=\"%d\" y=\"%d\">t=%g</text>\n", x, top - 8, t->cols[c].time);
                fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cde\"/>\n",
                        x, top - 4, x, top + t->rows.n * RH);
                next_free = x + 60;
            }
            x += width_of(&t->cols[c]) * CW;
        }
        fprintf(f, "</g>\n");
    }

    for (int r = 0; r < t->rows.n; r++) {
        int y = top + r * RH;
        bool is_main = strcmp(t->rows.v[r], "main") == 0;
        fprintf(f, "<g>\n<text x=\"10\" y=\"%d\" font-weight=\"bold\">", y + RH / 2 + 4);
        esc(f, t->rows.v[r]);
        fprintf(f, "</text>\n");
        int x = namew * CW + 10;
        for (int c = 0; c < t->ncols; c++) {
            const struct sh_col *col = &t->cols[c];
            int w = width_of(col) * CW;
            int cell = r < SH_TRACE_MAX_ROWS ? col->cells[r] : SH_CELL_NONE;
            if (col->owner == r) {
                fprintf(f, "<g><title>");
                esc(f, col->detail);
                fprintf(f, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" "
                           "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>", x, y + 4, w - 2,
                        RH - 8, fill_of(col->kind));
                if (col->label[0]) {
                    fprintf(f, "<text x=\"%d\" y=\"%d\">", x + 3, y + RH / 2 + 4);
                    esc(f, col->label);
                    fprintf(f, "</text>");
                }
                fprintf(f, "</g>\n");
            } else if (cell == SH_CELL_BLOCKED) {
                fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"4\" fill=\"#999\"/>\n",
                        x, y + RH / 2 - 2, w);
            } else if (cell == SH_CELL_SUSPENDED && !is_main) {
                fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#aaa\" "
                           "stroke-dasharray=\"2,3\"/>\n", x, y + RH / 2, x + w, y + RH / 2);
            }
            x += w;
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
    if (fclose(f) != 0) {
        sh_error("cannot write %s: %s.", path, strerror(errno));
        return -1;
    }
    return 0;
}
