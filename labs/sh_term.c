/*
 * sh_term.c - colour, glyphs and width.
 *
 * Colour only when standard output is a terminal, and never when the
 * NO_COLOR environment variable is set (https://no-color.org): output
 * that goes to a file or a pipe stays plain text that scripts can read.
 * Glyphs are UTF-8 only when the locale says the terminal speaks it.
 */
#include "sh.h"

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static bool color;
static bool utf8;

static const char *const styles[SH_STYLE_COUNT] = {
    [SH_BOLD] = "\033[1m",    [SH_DIM] = "\033[2m",   [SH_RED] = "\033[31m",
    [SH_GREEN] = "\033[32m",  [SH_YELLOW] = "\033[33m", [SH_BLUE] = "\033[34m",
    [SH_CYAN] = "\033[36m",   [SH_MAGENTA] = "\033[35m", [SH_OFF] = "\033[0m",
};

/* The same picture in UTF-8 and in ASCII. */
static const char *const glyphs_utf8[SH_GLYPH_COUNT] = {
    [SH_G_PASS] = "✓", [SH_G_FAIL] = "✗", [SH_G_NEXT] = "▶", [SH_G_DOT] = "·",
    [SH_G_ARROW] = "→", [SH_G_RUN] = "█", [SH_G_YIELD] = "▸", [SH_G_DONE] = "■",
    [SH_G_RAISE] = "✗", [SH_G_CALL] = "◆", [SH_G_WAIT] = "·", [SH_G_HLINE] = "─",
};
static const char *const glyphs_ascii[SH_GLYPH_COUNT] = {
    [SH_G_PASS] = "+", [SH_G_FAIL] = "x", [SH_G_NEXT] = ">", [SH_G_DOT] = ".",
    [SH_G_ARROW] = "->", [SH_G_RUN] = "#", [SH_G_YIELD] = ">", [SH_G_DONE] = "]",
    [SH_G_RAISE] = "!", [SH_G_CALL] = "*", [SH_G_WAIT] = ".", [SH_G_HLINE] = "-",
};

void sh_term_init(int force_color)
{
    const char *nc = getenv("NO_COLOR");
    const char *cs;

    setlocale(LC_CTYPE, "");
    cs = nl_langinfo(CODESET);
    utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    if (force_color >= 0)
        color = force_color;
    else
        color = isatty(STDOUT_FILENO) && !(nc && *nc) &&
                !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0);
}

bool sh_term_color(void)
{
    return color;
}

bool sh_term_utf8(void)
{
    return utf8;
}

const char *sh_c(enum sh_style s)
{
    return color && (unsigned)s < SH_STYLE_COUNT ? styles[s] : "";
}

const char *sh_g(enum sh_glyph g)
{
    if ((unsigned)g >= SH_GLYPH_COUNT)
        return "?";
    return utf8 ? glyphs_utf8[g] : glyphs_ascii[g];
}

int sh_term_width(void)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    int w = 0;

    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
        w = ws.ws_col;
    if (w <= 0 && cols)
        w = atoi(cols);
    if (w <= 0)
        w = 80;
    return w < 40 ? 40 : w;
}

int sh_width(const char *s)
{
    int w = 0;
    for (; *s; s++) {
        if (*s == '\033') {          /* skip an escape sequence */
            while (*s && *s != 'm')
                s++;
            if (!*s)
                break;
            continue;
        }
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    }
    return w;
}

void sh_wrap(FILE *f, const char *text, int indent)
{
    sh_wrap_at(f, text, indent, 0);
}

void sh_wrap_at(FILE *f, const char *text, int indent, int col0)
{
    int width = sh_term_width() - 1;
    const char *p = text;

    if (width > 100)
        width = 100;
    /* Each line of text is wrapped on its own: the author's line breaks
     * (lists, code) stay; a continuation keeps the line's own indent. */
    while (*p) {
        const char *eol = strchr(p, '\n');
        const char *end = eol ? eol : p + strlen(p);
        int lead = 0, col = 0;

        while (p + lead < end && p[lead] == ' ')
            lead++;
        if (col0 > 0) {
            col = col0;         /* the caller already wrote a prefix */
            col0 = 0;
        } else {
            fprintf(f, "%*s", indent + lead, "");
            col = indent + lead;
        }
        p += lead;
        bool first = true;
        while (p < end) {
            const char *e = p;
            int wl = 0;
            while (e < end && *e != ' ')
                e++;
            for (const char *c = p; c < e; c++)
                if (((unsigned char)*c & 0xC0) != 0x80)
                    wl++;
            if (!first && col + 1 + wl > width) {
                fprintf(f, "\n%*s", indent + lead, "");
                col = indent + lead;
            } else if (!first) {
                fputc(' ', f);
                col++;
            }
            fwrite(p, 1, (size_t)(e - p), f);
            col += wl;
            first = false;
            p = e;
            while (p < end && *p == ' ')
                p++;
        }
        fputc('\n', f);
        p = eol ? eol + 1 : end;
    }
}

void sh_error(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "%serror:%s ", sh_c(SH_RED), sh_c(SH_OFF));
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

void sh_note(const char *fmt, ...)
{
    va_list ap;

    fprintf(stdout, "%s", sh_c(SH_DIM));
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fprintf(stdout, "%s\n", sh_c(SH_OFF));
}
