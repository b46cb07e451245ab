/*
 * play_core.c - the playground engine's main loop (see play.h for the
 * protocol with the shell).
 */
#include "play.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool color;
static bool utf8;

const char *play_c(enum play_style s)
{
    static const char *const codes[] = {
        [P_BOLD] = "\033[1m", [P_DIM] = "\033[2m", [P_RED] = "\033[31m",
        [P_GREEN] = "\033[32m", [P_YELLOW] = "\033[33m", [P_BLUE] = "\033[34m",
        [P_CYAN] = "\033[36m", [P_OFF] = "\033[0m",
    };
    return color ? codes[s] : "";
}

const char *play_arrow(void)
{
    return utf8 ? "→" : "->";
}

void play_error(const char *fmt, ...)
{
    va_list ap;

    printf("%s", play_c(P_RED));
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("%s\n", play_c(P_OFF));
}

void play_complete_line(const char *key, const char *const words[], int n)
{
    printf("\036complete %s", key);
    for (int i = 0; i < n; i++)
        printf(" %s", words[i]);
    printf("\n");
}

static void help(void)
{
    printf("%s%s%s\n", play_c(P_BOLD), play_lab.title, play_c(P_OFF));
    for (int i = 0; play_lab.cmds[i].name; i++)
        printf("  %-22s %s\n", play_lab.cmds[i].usage, play_lab.cmds[i].help);
    printf("  %-22s %s\n", "help", "this list");
    printf("  %-22s %s\n", "clear", "clear the screen");
    printf("  %-22s %s\n", "quit", "leave the playground");
}

static void complete_all(void)
{
    const char *words[64];
    int n = 0;

    for (int i = 0; play_lab.cmds[i].name && n < 61; i++)
        words[n++] = play_lab.cmds[i].name;
    words[n++] = "help";
    words[n++] = "clear";
    words[n++] = "quit";
    play_complete_line("-", words, n);
    if (play_lab.complete)
        play_lab.complete();
}

static void ready(void)
{
    char ctx[128] = "";
    if (play_lab.context)
        play_lab.context(ctx, sizeof ctx);
    complete_all();
    printf("\036ready %s\n", ctx);
    fflush(stdout);
}

/* Words separated by blanks; quotes group (and are kept). */
static int split(char *line, char **argv, int max)
{
    int argc = 0;
    char *p = line;

    while (*p && argc < max - 1) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ' && *p != '\t') {
            if (*p == '\'' || *p == '"') {
                char q = *p++;
                while (*p && *p != q) {
                    if (*p == '\\' && p[1])
                        p++;
                    p++;
                }
                if (*p)
                    p++;
            } else {
                p++;
            }
        }
        if (*p)
            *p++ = '\0';
    }
    argv[argc] = NULL;
    return argc;
}

const char *play_todo_hint(const char *file)
{
    static char buf[256];
    const char *ref = getenv("LABS_REF_HINT");
    snprintf(buf, sizeof buf, " (still a TODO in your %s%s%s%s)", file, ref ? "; " : "", ref ? ref : "",
             ref ? " drives the reference" : "");
    return buf;
}

void play_run_line(const char *line)
{
    char copy[4096];
    char *argv[64];
    int argc;
    const char *rest;

    snprintf(copy, sizeof copy, "%s", line);
    argc = split(copy, argv, 64);
    if (argc == 0)
        return;
    /* the rest of the line after the command word, as typed */
    rest = line;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    rest += strlen(argv[0]);
    while (*rest == ' ' || *rest == '\t')
        rest++;
    if (strcmp(argv[0], "help") == 0 || strcmp(argv[0], "?") == 0) {
        help();
        return;
    }
    const struct play_cmd *cmd = NULL;
    for (int i = 0; play_lab.cmds[i].name; i++)
        if (strcmp(play_lab.cmds[i].name, argv[0]) == 0)
            cmd = &play_lab.cmds[i];
    if (!cmd)
        play_error("no command \"%s\" here; `help` lists the playground's commands.", argv[0]);
    else
        cmd->fn(argc, argv, rest);
}

/* `play_LAB --claims`: what the playground claims Python answers, as
 * data (play.h), and nothing else on stdout. */
static int claims(void)
{
    FILE *out = fdopen(dup(1), "w");

    if (!out || !freopen("/dev/null", "w", stdout))
        return 1;
    if (play_lab.intro)
        play_lab.intro();
    if (play_lab.claims)
        play_lab.claims(out);
    if (play_lab.cleanup)
        play_lab.cleanup();
    fclose(out);
    return 0;
}

int main(int argc, char **argv)
{
    char *line = NULL;
    size_t cap = 0;
    const char *c = getenv("LABS_COLOR");
    const char *u = getenv("LABS_UTF8");

    color = c && strcmp(c, "1") == 0;
    utf8 = u && strcmp(u, "1") == 0;
    if (argc == 2 && strcmp(argv[1], "--claims") == 0)
        return claims();
    /* stdout is a pipe to the shell: flushed at every \036ready */
    if (play_lab.intro)
        play_lab.intro();
    ready();
    while (getline(&line, &cap, stdin) >= 0) {
        const char *t = line;

        line[strcspn(line, "\r\n")] = '\0';
        while (*t == ' ' || *t == '\t')
            t++;
        if (strncmp(t, "quit", 4) == 0 && (t[4] == '\0' || t[4] == ' '))
            break;
        if (strncmp(t, "exit", 4) == 0 && (t[4] == '\0' || t[4] == ' '))
            break;
        play_run_line(line);
        fflush(stderr);
        ready();
    }
    free(line);
    if (play_lab.cleanup)
        play_lab.cleanup();
    printf("\036bye\n");
    fflush(stdout);
    return 0;
}
