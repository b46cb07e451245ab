/*
 * sh_cmd.c - the commands: their table, `help`, and dispatch.
 *
 * Every command is the same function whether it was typed at the prompt
 * or given on the command line (`bin/labs check lab01`), so scripts and
 * tests drive exactly what students use.
 */
#include "sh.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* clear: the screen, as Ctrl-L does (nothing to clear off a terminal). */
static int sh_cmd_clear(struct sh *sh, int argc, char **argv)
{
    (void)sh;
    if (argc > 1)
        return sh_usage("clear", argv[1]);
    if (isatty(STDOUT_FILENO))
        printf("\033[H\033[2J");
    return 0;
}

const struct sh_cmd sh_cmds[] = {
    { "list", sh_cmd_list, "list",
      "every lab with tests passed, points, and what to do next",
      "Shows every lab with its tests passed / total and points, marks the lab to\n"
      "work on with an arrow, and says concretely what to do next: which file,\n"
      "which function, which hint.  Progress comes from the tests only: a result\n"
      "is shown while your files are exactly as they were when checked; after an\n"
      "edit the lab reads \"changed since the last check\" until you check again.",
      "", "" },
    { "check", sh_cmd_check, "check [LAB] [TEST] [--mine] [--verbose] [--all]",
      "build and run a lab's tests against your files; explain the first failure",
      "Grades your files exactly as the grader does (its build, flags, points\n"
      "and pass rule: warnings are shown and cost nothing) and runs every\n"
      "test.  The first failing test is shown in full: its name, where it is,\n"
      "what it expected and what it got, the test's own code; the others are\n"
      "summed up on one line.  Then the file and function to work on next.\n"
      "A file that does not compile gets its first errors, trimmed.\n"
      "  LAB         lab01_generators, lab01, 01, 1 or generators (default: the\n"
      "              prompt's lab)\n"
      "  TEST        show this test's result in full (tab completes names)\n"
      "  --mine      your own files for the earlier labs too (default: the\n"
      "              reference solution's, as the grader does)\n"
      "  --verbose   list every test with its result\n"
      "  --all       check every lab, one line each\n"
      "Exit status: 0 when every test passes, 1 otherwise.",
      "--mine --verbose --all", "lab test" },
    { "hint", sh_cmd_hint, "hint [LAB] [STEP] [--all] [--reset]",
      "the next hint for where you are, least revealing first",
      "Shows the next hint from the lab's hints.md, one at a time, from a gentle\n"
      "nudge to nearly the answer; the ones you have seen are kept.  Without\n"
      "STEP, the step is the one your first failing test belongs to.\n"
      "  --all    show again every hint of the step seen so far\n"
      "  --reset  start the step's hints again from the first",
      "--all --reset", "lab step" },
    { "watch", sh_cmd_watch, "watch [LAB] [--mine] [--poll]",
      "re-check every time you save a file, until Ctrl-C",
      "Checks the lab, then waits: every time you save one of your files it\n"
      "checks again and shows the first failing test and the file to edit.  It\n"
      "stays on this lab even when everything passes: you decide when to move\n"
      "on.  Ctrl-C goes back to the prompt.\n"
      "Changes are seen through inotify and, in case the file system does not\n"
      "report them (some network or WSL drives), by looking every second.\n"
      "  --mine  your own files for the earlier labs too (as check --mine)\n"
      "  --poll  only look every second (no inotify)",
      "--mine --poll", "lab" },
    { "reset", sh_cmd_reset, "reset LAB [--yes] [--original]",
      "restore a lab's skeleton file, keeping a backup of yours",
      "Puts the untouched skeleton of the lab's file(s) back, after copying\n"
      "yours to .labs-backup/LAB/FILE.YYYYmmdd-HHMMSS.  Asks first.\n"
      "The skeleton comes from git: the version of your last commit (on a\n"
      "fresh clone, the skeleton).\n"
      "  --yes       do not ask (for scripts)\n"
      "  --original  the version of the commit that first added the file, in\n"
      "              case you committed your own work since",
      "--yes --original", "lab" },
    { "play", sh_cmd_play, "play LAB [--mine] [--ref] [-c 'CMD; CMD...']",
      "a playground: drive a generator, or step an event loop",
      "Opens the lab's playground, built from your files for the lab and the\n"
      "reference solution for the earlier labs, as the grader links them\n"
      "(--mine: your own earlier labs too; --ref: the reference solution\n"
      "throughout, to see how it should behave).\n"
      "  Generators (lab01, lab02): pick one from the catalogue (`new fibo 10`)\n"
      "  and drive it with next, send VALUE, throw KIND [MSG], close, state;\n"
      "  every state change is shown, next to what Python would say.  Values\n"
      "  are Python literals: 42, 2.5, 'text', None.\n"
      "  Event loops (lab03 on): load a scenario from the examples and step\n"
      "  the loop one iteration at a time, looking at the ready queue, the\n"
      "  timers and their due times, the tasks and what each awaits, and the\n"
      "  virtual clock: step, run, cancel TASK.\n"
      "`help` inside the playground lists its commands; `quit` comes back.\n"
      "Without a terminal (or with -c) the commands are read from standard\n"
      "input (or from -c, separated by ';') and each one is echoed.",
      "--mine --ref -c", "lab" },
    { "trace", sh_cmd_trace, "trace EXAMPLE [--svg FILE] [--log] [--mine] [--ref]",
      "an example's schedule as a timeline: one row per task, time across",
      "Runs an example (see `examples`) with tracing on and draws who ran\n"
      "when: one row per generator, task or callback, time going right.\n"
      "  " "\xe2\x96\x88" "  running    " "\xe2\x96\xb8" "  yielded (suspended after)\n"
      "  " "\xe2\x96\xa0" "  finished   " "\xe2\x9c\x97" "  raised     "
      "\xe2\x97\x86" "  callback   \xc2\xb7  waiting\n"
      "  --svg FILE  also write the timeline as an SVG picture\n"
      "  --log       also list every event, with its time\n"
      "  --mine      your own files for the earlier labs too (default: your\n"
      "              files for the example's lab, the reference for the earlier\n"
      "              labs, as the grader links them)\n"
      "  --ref       the reference solution throughout\n"
      "EXAMPLE is a name (fibo) or LAB/NAME when two labs share a name.",
      "--svg --log --mine --ref", "example" },
    { "bench", sh_cmd_bench, "bench [LAB] [N] [--mine]",
      "your code's speed against the reference solution",
      "Builds the lab's benchmarks (LAB/bench/) twice, with your files and with\n"
      "the reference, runs both and prints the time per operation side by\n"
      "side.  Make the tests pass first: a benchmark of wrong code measures\n"
      "nothing.  N sets the size of each workload (default: the program's).",
      "", "lab" },
    { "examples", sh_cmd_examples, "examples [LAB]",
      "the examples of a lab (or of every lab), for `trace`",
      "Lists each lab's examples: the C program, its Python twin, and what\n"
      "they print.  `trace NAME` shows one as a timeline.",
      "", "lab" },
    { "lab", sh_cmd_lab, "lab [LAB]",
      "show or change the lab the prompt works on",
      "Without LAB, says which lab commands use when you name none.  With LAB,\n"
      "makes it that lab (the prompt shows it).",
      "", "lab" },
    { "help", sh_cmd_help, "help [COMMAND]",
      "the commands, or one command in detail",
      "`help` lists the commands; `help COMMAND` explains one.",
      "", "command" },
    { "clear", sh_cmd_clear, "clear",
      "clear the screen (Ctrl-L does too)",
      "Clears the terminal, here and in a playground.", "", "" },
    { "quit", NULL, "quit",
      "leave the shell (Ctrl-D works too)",
      "Leaves the shell.  Your history is kept for next time.", "", "" },
    { NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};

const struct sh_cmd *sh_cmd_find(const char *name)
{
    static const struct { const char *alias, *name; } aliases[] = {
        { "exit", "quit" }, { "q", "quit" }, { "ls", "list" }, { "status", "list" },
        { "test", "check" }, { "?", "help" },
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(name, aliases[i].alias) == 0)
            name = aliases[i].name;
    for (int i = 0; sh_cmds[i].name; i++)
        if (strcmp(sh_cmds[i].name, name) == 0)
            return &sh_cmds[i];
    return NULL;
}

static char cmd_prefix[256];

void sh_cmdref_prefix(const char *prefix)
{
    snprintf(cmd_prefix, sizeof cmd_prefix, "%s", prefix ? prefix : "");
}

const char *sh_cmdref(const char *fmt, ...)
{
    static char bufs[8][320];
    static int next;
    char cmd[256];
    va_list ap;
    char *b = bufs[next++ % 8];

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(b, sizeof bufs[0], "`%.60s%.250s`", cmd_prefix, cmd);
    return b;
}

bool sh_opt(const char *arg, const char *opt)
{
    return strcmp(arg, opt) == 0;
}

int sh_usage(const char *cmd, const char *bad)
{
    const struct sh_cmd *c = sh_cmd_find(cmd);
    if (bad)
        sh_error("%s: unexpected \"%s\".", cmd, bad);
    if (c)
        fprintf(stderr, "usage: %s   (`help %s` explains)\n", c->usage, cmd);
    return 2;
}

int sh_cmd_help(struct sh *sh, int argc, char **argv)
{
    (void)sh;
    if (argc > 2)
        return sh_usage("help", argv[2]);
    if (argc == 2) {
        const struct sh_cmd *c = sh_cmd_find(argv[1]);
        if (!c) {
            sh_error("there is no command \"%s\"; `help` lists them.", argv[1]);
            return 2;
        }
        printf("usage: %s%s%s\n  %s\n\n%s\n", sh_c(SH_BOLD), c->usage, sh_c(SH_OFF), c->summary,
               c->help);
        return 0;
    }
    printf("%sCommands%s (each also works as `bin/labs COMMAND ...` from your shell):\n",
           sh_c(SH_BOLD), sh_c(SH_OFF));
    for (int i = 0; sh_cmds[i].name; i++)
        printf("  %s%-10s%s %s\n", sh_c(SH_BOLD), sh_cmds[i].name, sh_c(SH_OFF),
               sh_cmds[i].summary);
    printf("\nLAB may be written lab01_generators, lab01, 01, 1 or generators.\n"
           "`help COMMAND` explains a command; Tab completes commands, labs, examples\n"
           "and test names; Up/Down and Ctrl-R search your history.\n");
    return 0;
}

int sh_cmd_lab(struct sh *sh, int argc, char **argv)
{
    if (argc > 2)
        return sh_usage("lab", argv[2]);
    if (argc == 2) {
        struct sh_lab *lab = sh_lab_find(sh, argv[1], true);
        if (!lab)
            return 2;
        sh->current = (int)(lab - sh->labs);
        sh_state_set_current(sh, lab->name);
        sh_state_save(sh);
        printf("Commands now work on %s%s%s when you name no lab.\n", sh_c(SH_BOLD), lab->name,
               sh_c(SH_OFF));
        return 0;
    }
    struct sh_lab *lab = sh_lab_default(sh);
    if (!lab)
        return 2;
    printf("%s\n", lab->name);
    return 0;
}

int sh_cmd_examples(struct sh *sh, int argc, char **argv)
{
    struct sh_lab *only = NULL;
    int shown = 0;

    if (argc > 2)
        return sh_usage("examples", argv[2]);
    if (argc == 2 && !(only = sh_lab_find(sh, argv[1], true)))
        return 2;
    for (int i = 0; i < sh->nlabs; i++) {
        struct sh_lab *lab = &sh->labs[i];
        if (only && lab != only)
            continue;
        if (lab->examples.n == 0) {
            if (only)
                printf("%s has no examples yet.\n", lab->name);
            continue;
        }
        printf("%s%s%s  (%s/examples/)\n", sh_c(SH_BOLD), lab->name, sh_c(SH_OFF), lab->name);
        for (int k = 0; k < lab->examples.n; k++) {
            char path[4400];
            char first[400] = "";
            char *text;
            snprintf(path, sizeof path, "%s/%s/examples/%s.c", sh->root, lab->name,
                     lab->examples.v[k]);
            /* the first sentence of the example's opening comment says what it is */
            text = sh_read_file(path, NULL);
            if (text && strncmp(text, "/*", 2) == 0) {
                const char *end = strstr(text, "*/");
                size_t n = 0;
                for (const char *p = text + 2; p < (end ? end : text + strlen(text)) &&
                                               n < sizeof first - 1; p++) {
                    if (*p == '\n') {
                        while (p[1] == ' ' || p[1] == '*')
                            p++;
                        if (n && first[n - 1] != ' ')
                            first[n++] = ' ';
                        continue;
                    }
                    if (*p == ' ' && (n == 0 || first[n - 1] == ' '))
                        continue;
                    first[n++] = *p;
                    if (*p == '.' && (p[1] == ' ' || p[1] == '\n'))
                        break;
                }
                first[n] = '\0';
                /* "fibo: the seed's generator..." -> "the seed's generator..." */
                size_t nl = strlen(lab->examples.v[k]);
                if (strncmp(first, lab->examples.v[k], nl) == 0 && first[nl] == ':')
                    memmove(first, first + nl + 2, strlen(first + nl + 2) + 1);
                int room = sh_term_width() - 22;
                if (room < 20)
                    room = 20;
                if ((int)strlen(first) > room)
                    snprintf(first + room - 3, sizeof first - (size_t)room + 3, "...");
            }
            free(text);
            printf("  %-20s %s%s%s\n", lab->examples.v[k], sh_c(SH_DIM), first, sh_c(SH_OFF));
            shown++;
        }
    }
    if (!only && shown == 0)
        printf("No lab has examples yet.\n");
    if (shown)
        printf("%s%s draws one as a timeline.%s\n", sh_c(SH_DIM), sh_cmdref("trace NAME"),
               sh_c(SH_OFF));
    return 0;
}

int sh_dispatch(struct sh *sh, int argc, char **argv)
{
    const struct sh_cmd *c;
    int status;

    if (argc == 0)
        return 0;
    c = sh_cmd_find(argv[0]);
    if (!c) {
        /* a lab name alone switches to it, as `lab LAB` */
        if (argc == 1 && sh_lab_find(sh, argv[0], false)) {
            char *av[] = { "lab", argv[0], NULL };
            return sh_cmd_lab(sh, 2, av);
        }
        sh_error("there is no command \"%s\"; `help` lists them.", argv[0]);
        return 2;
    }
    if (!c->fn)
        return 0;   /* quit: the caller handles it */
    if (argc == 2 && (sh_opt(argv[1], "--help") || sh_opt(argv[1], "-h"))) {
        char *av[] = { "help", (char *)c->name, NULL };
        return sh_cmd_help(sh, 2, av);
    }
    sh_labs_load(sh);
    sh_catch_sigint(sh, true);
    status = c->fn(sh, argc, argv);
    sh_catch_sigint(sh, false);
    fflush(stdout);
    return status;
}
