/*
 * sh_main.c - `bin/labs`: options, finding the tree, and the prompt.
 *
 *   bin/labs                 the shell (readline) on a terminal; without
 *                            a terminal, one command per line of stdin
 *   bin/labs COMMAND ...     one command, then exit with its status
 *
 * Global options (before the command):
 *   --root DIR    the coro-labs tree (default: found from the current
 *                 directory upwards, then from where bin/labs lives)
 *   --build DIR   where make builds (default: $BUILD, else build; with
 *                 --root, DIR/build unless --build is given)
 *   --bin DIR     likewise for BIN
 *   --yes         answer yes to every question (reset)
 *   --color, --no-color   force colour on or off (default: a terminal,
 *                 and never when NO_COLOR is set)
 * Environment: LABS_HISTORY (history file), LABS_STATE (cache file).
 */
#include "sh.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_root(const char *dir)
{
    char path[PATH_MAX + 64];
    struct stat st;

    snprintf(path, sizeof path, "%s/Makefile", dir);
    if (stat(path, &st) != 0)
        return false;
    snprintf(path, sizeof path, "%s/common/co_check.h", dir);
    if (stat(path, &st) == 0)
        return true;
    snprintf(path, sizeof path, "%s/labs/labs.mk", dir);
    return stat(path, &st) == 0;
}

static char *find_root(const char *given)
{
    char buf[PATH_MAX];
    const char *env = getenv("CORO_LABS_ROOT");

    if (given) {
        if (!realpath(given, buf)) {
            sh_error("--root %s: %s.", given, strerror(errno));
            return NULL;
        }
        if (!is_root(buf)) {
            sh_error("--root %s: not a coro-labs tree (no Makefile and common/co_check.h).",
                     given);
            return NULL;
        }
        return strdup(buf);
    }
    if (env && *env && realpath(env, buf) && is_root(buf))
        return strdup(buf);
    if (getcwd(buf, sizeof buf)) {
        for (;;) {
            if (is_root(buf))
                return strdup(buf);
            char *slash = strrchr(buf, '/');
            if (!slash || slash == buf)
                break;
            *slash = '\0';
        }
    }
    /* where bin/labs lives: ROOT/bin/labs, or BIN/labs with BIN elsewhere */
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
        for (int up = 0; up < 4; up++) {
            char *slash = strrchr(buf, '/');
            if (!slash || slash == buf)
                break;
            *slash = '\0';
            if (is_root(buf))
                return strdup(buf);
        }
    }
    sh_error("cannot find the coro-labs tree: run bin/labs from inside it, or give --root DIR.");
    return NULL;
}

static char *prompt_text(struct sh *sh)
{
    static char prompt[512];
    struct sh_lab *lab = sh->current >= 0 && sh->current < sh->nlabs ? &sh->labs[sh->current]
                                                                       : NULL;
    char progress[64] = "";
    /* readline must be told which bytes take no room on screen */
    const char *b = sh_term_color() ? "\001\033[1m\002" : "";
    const char *d = sh_term_color() ? "\001\033[2m\002" : "";
    const char *o = sh_term_color() ? "\001\033[0m\002" : "";

    if (lab) {
        struct sh_summary s;
        sh_state_get_result(sh, lab, &s);
        if (s.valid && s.fresh && !s.build_failed)
            snprintf(progress, sizeof progress, " %s%d/%d%s", d, s.passed, s.total, o);
    }
    snprintf(prompt, sizeof prompt, "%slabs%s %s%s%s> ", d, o, b, lab ? lab->name : "", o);
    if (lab && progress[0]) {
        snprintf(prompt, sizeof prompt, "%slabs%s %s%s%s%s> ", d, o, b, lab->name, o, progress);
    }
    return prompt;
}

static int run_line(struct sh *sh, const char *line, bool *quit)
{
    struct sh_strs words = { 0 };
    int status = 0;

    if (sh_split(line, &words) < 0) {
        sh_error("a quote is not closed: %s", line);
        return 2;
    }
    if (words.n > 0 && words.v[0][0] == '#') {
        sh_strs_free(&words);
        return 0;
    }
    if (words.n > 0) {
        const struct sh_cmd *c = sh_cmd_find(words.v[0]);
        if (c && !c->fn)
            *quit = true;
        else
            status = sh_dispatch(sh, words.n, words.v);
    }
    sh_strs_free(&words);
    return status;
}

static int interactive(struct sh *sh)
{
    bool quit = false;
    int status = 0;

    sh_history_open();
    sh_complete_init(sh);
    sh_catch_sigint(sh, true);
    sh_greet(sh);
    while (!quit) {
        char *line;
        sh_labs_load(sh);
        line = sh_readline(sh, prompt_text(sh));
        if (!line) {
            printf("\n");
            break;
        }
        sh_history_add(line);
        status = run_line(sh, line, &quit);
        free(line);
    }
    return status;
}

/* Without a terminal: each line of stdin is a command, echoed first so
 * that a transcript reads like a session. */
static int script(struct sh *sh)
{
    char *line = NULL;
    size_t cap = 0;
    bool quit = false;
    int worst = 0;

    while (!quit && getline(&line, &cap, stdin) >= 0) {
        line[strcspn(line, "\r\n")] = '\0';
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            continue;
        printf("labs> %s\n", p);
        fflush(stdout);
        int s = run_line(sh, p, &quit);
        if (s > worst)
            worst = s;
    }
    free(line);
    return worst;
}

static void usage(void)
{
    printf("usage: bin/labs [--root DIR] [--build DIR] [--yes] [--no-color] [COMMAND [ARGS]]\n"
           "Without COMMAND, opens the coro-labs shell.  `bin/labs help` lists the commands.\n");
}

int main(int argc, char **argv)
{
    struct sh sh;
    const char *root = NULL, *build = NULL, *bin = NULL;
    int color = -1, i, status;

    memset(&sh, 0, sizeof sh);
    sh.current = -1;
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (sh_opt(argv[i], "--root") && i + 1 < argc)
            root = argv[++i];
        else if (sh_opt(argv[i], "--build") && i + 1 < argc)
            build = argv[++i];
        else if (sh_opt(argv[i], "--bin") && i + 1 < argc)
            bin = argv[++i];
        else if (sh_opt(argv[i], "--yes") || sh_opt(argv[i], "-y"))
            sh.assume_yes = true;
        else if (sh_opt(argv[i], "--color"))
            color = 1;
        else if (sh_opt(argv[i], "--no-color"))
            color = 0;
        else if (sh_opt(argv[i], "--help") || sh_opt(argv[i], "-h")) {
            sh_term_init(color);
            usage();
            char *av[] = { "help", NULL };
            return sh_cmd_help(&sh, 1, av);
        } else {
            sh_term_init(color);
            sh_error("unknown option %s.", argv[i]);
            usage();
            return 2;
        }
    }
    sh_term_init(color);
    sh.root = find_root(root);
    if (!sh.root)
        return 2;
    if (!build)
        build = root ? NULL : getenv("BUILD");
    if (!bin)
        bin = root ? NULL : getenv("BIN");
    sh.build = strdup(build && *build ? build : "build");
    sh.bin = strdup(bin && *bin ? bin : "bin");
    {
        const char *st = getenv("LABS_STATE");
        char path[PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/.labs-state", sh.root);
        sh.state_path = strdup(st && *st ? st : path);
    }
    sh_state_load(&sh);
    sh_labs_load(&sh);
    {
        const char *cur = sh_state_current(&sh);
        struct sh_lab *lab = cur ? sh_lab_find(&sh, cur, false) : NULL;
        if (lab)
            sh.current = (int)(lab - sh.labs);
    }

    if (i < argc) {
        /* one command, from the command line: advice names bin/labs */
        char prefix[300];
        snprintf(prefix, sizeof prefix, "%.280s ", strchr(argv[0], '/') ? argv[0] : "labs");
        sh_cmdref_prefix(prefix);
        if (sh.current < 0) {
            struct sh_lab *next = sh_progress_next_lab(&sh);
            if (next)
                sh.current = (int)(next - sh.labs);
        }
        const struct sh_cmd *c = sh_cmd_find(argv[i]);
        status = c && !c->fn ? 0 : sh_dispatch(&sh, argc - i, argv + i);
    } else if (isatty(STDIN_FILENO)) {
        sh.interactive = true;
        status = interactive(&sh);
    } else {
        if (sh.current < 0) {
            struct sh_lab *next = sh_progress_next_lab(&sh);
            if (next)
                sh.current = (int)(next - sh.labs);
        }
        status = script(&sh);
    }
    sh_labs_free(&sh);
    sh_state_free();
    free(sh.root);
    free(sh.build);
    free(sh.bin);
    free(sh.state_path);
    return status;
}
