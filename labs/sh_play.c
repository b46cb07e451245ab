/*
 * sh_play.c - `play LAB`: the playground, run as a child process.
 *
 * The engine (labs/play/, one program per lab, built by make from the
 * student's files or with --ref from the reference) reads one command per
 * line and answers; labs/play/play.h describes the exchange.  The engine
 * runs in its own process group, so Ctrl-C at the prompt only clears the
 * line; Ctrl-C while it works (an endless loop in a body) kills it, and
 * a crash is explained; either way the engine is started again.
 */
#include "sh.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ANSWER_TIMEOUT_S 30

struct engine {
    pid_t pid;
    int in;                  /* we write commands here */
    int out;                 /* we read answers here */
    struct sh_buf pending;   /* read but not yet a whole line */
    char context[128];       /* from \036ready */
    struct sh_strs words;    /* \036complete lines, without the marker */
    bool alive;
    char ref_hint[160];      /* "`play lab01 --ref`", for the engine's advice */
};

static int engine_start(struct sh *sh, struct engine *e, const char *prog, const char *hint)
{
    int to[2], from[2];

    memset(e, 0, sizeof *e);
    snprintf(e->ref_hint, sizeof e->ref_hint, "%s", hint ? hint : "");
    if (pipe(to) < 0 || pipe(from) < 0)
        return -1;
    fflush(stdout);
    e->pid = fork();
    if (e->pid < 0)
        return -1;
    if (e->pid == 0) {
        setpgid(0, 0);          /* Ctrl-C at the prompt is not for the engine */
        dup2(to[0], 0);
        dup2(from[1], 1);
        dup2(from[1], 2);
        close(to[0]), close(to[1]), close(from[0]), close(from[1]);
        signal(SIGINT, SIG_DFL);
        if (chdir(sh->root) < 0)
            _exit(126);
        setenv("LABS_COLOR", sh_term_color() ? "1" : "0", 1);
        setenv("LABS_UTF8", sh_term_utf8() ? "1" : "0", 1);
        if (e->ref_hint[0])
            setenv("LABS_REF_HINT", e->ref_hint, 1);
        execl(prog, prog, (char *)NULL);
        fprintf(stderr, "cannot run %s: %s\n", prog, strerror(errno));
        _exit(127);
    }
    close(to[0]);
    close(from[1]);
    e->in = to[1];
    e->out = from[0];
    e->alive = true;
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

static void engine_stop(struct engine *e, bool kill_it)
{
    int status;

    if (e->pid > 0) {
        if (kill_it)
            kill(e->pid, SIGKILL);
        close(e->in);
        while (waitpid(e->pid, &status, 0) < 0 && errno == EINTR)
            ;
        close(e->out);
    }
    e->pid = 0;
    e->alive = false;
    sh_buf_free(&e->pending);
    sh_strs_free(&e->words);
}

/*
 * Read the engine's answer up to its \036ready line, printing the rest.
 * Returns 0 on an answer, 1 when the engine said bye, -1 when it died,
 * -2 on Ctrl-C or a time-out (it is killed then).
 */
static int engine_answer(struct sh *sh, struct engine *e)
{
    time_t deadline = time(NULL) + ANSWER_TIMEOUT_S;
    struct sh_strs words = { 0 };
    bool new_words = false;

    for (;;) {
        /* whole lines first */
        char *nl;
        while (e->pending.len && (nl = memchr(e->pending.s, '\n', e->pending.len))) {
            size_t n = (size_t)(nl - e->pending.s);
            char *line = strndup(e->pending.s, n);
            memmove(e->pending.s, nl + 1, e->pending.len - n - 1);
            e->pending.len -= n + 1;
            e->pending.s[e->pending.len] = '\0';
            if (!line)
                continue;
            if (strncmp(line, "\036ready", 6) == 0) {
                snprintf(e->context, sizeof e->context, "%s", line[6] == ' ' ? line + 7 : "");
                free(line);
                if (new_words) {
                    sh_strs_free(&e->words);
                    e->words = words;
                    sh_complete_set_play_words(&e->words);
                } else {
                    sh_strs_free(&words);
                }
                fflush(stdout);
                return 0;
            }
            if (strncmp(line, "\036bye", 4) == 0) {
                free(line);
                sh_strs_free(&words);
                return 1;
            }
            if (strncmp(line, "\036complete ", 10) == 0) {
                sh_strs_add(&words, line + 10);
                new_words = true;
            } else {
                printf("%s\n", line);
            }
            free(line);
        }
        fflush(stdout);
        struct pollfd p = { .fd = e->out, .events = POLLIN };
        int r = poll(&p, 1, 250);
        if (sh->interrupted || time(NULL) > deadline) {
            bool intr = sh->interrupted;
            sh->interrupted = 0;
            engine_stop(e, true);
            printf("%s%s%s\n", sh_c(SH_RED),
                   intr ? "Interrupted: the playground was stopped (an endless loop in a body?)."
                        : "No answer for 30 s: the playground was stopped (an endless loop?).",
                   sh_c(SH_OFF));
            sh_strs_free(&words);
            return -2;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        char chunk[4096];
        ssize_t n = read(e->out, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            /* it died: print what it said last, then why */
            if (e->pending.len)
                printf("%s\n", e->pending.s);
            int status = 0;
            close(e->in);
            while (waitpid(e->pid, &status, 0) < 0 && errno == EINTR)
                ;
            close(e->out);
            e->pid = 0;
            e->alive = false;
            struct sh_proc proc = { .status = status };
            char how[160];
            printf("%sThe playground stopped: it %s.%s\n", sh_c(SH_RED),
                   sh_proc_describe(&proc, how, sizeof how), sh_c(SH_OFF));
            if (WIFSIGNALED(status))
                printf("%s(That happened in the code the last command ran: with your files, "
                       "that is most likely your code.)%s\n", sh_c(SH_DIM), sh_c(SH_OFF));
            sh_strs_free(&words);
            sh_buf_free(&e->pending);
            return -1;
        }
        sh_buf_add(&e->pending, chunk, (size_t)n);
    }
}

static int engine_send(struct engine *e, const char *line)
{
    size_t n = strlen(line);
    if (write(e->in, line, n) != (ssize_t)n || write(e->in, "\n", 1) != 1)
        return -1;
    return 0;
}

/* Split "a; b; 'c;d'" on the semicolons outside quotes. */
static void split_script(const char *s, struct sh_strs *out)
{
    struct sh_buf cur = { 0 };
    char q = 0;

    sh_buf_add(&cur, "", 0);
    for (const char *p = s;; p++) {
        if (*p == '\0' || (*p == ';' && !q)) {
            const char *t = sh_buf_str(&cur);
            while (*t == ' ')
                t++;
            if (*t)
                sh_strs_add(out, t);
            cur.len = 0;
            cur.s[0] = '\0';
            if (!*p)
                break;
            continue;
        }
        if (q && *p == '\\' && p[1]) {
            sh_buf_add(&cur, p, 2);
            p++;
            continue;
        }
        if (*p == '\'' || *p == '"')
            q = q == *p ? 0 : q ? q : *p;
        sh_buf_add(&cur, p, 1);
    }
    sh_buf_free(&cur);
}

static bool playground_exists(struct sh *sh, struct sh_lab *lab)
{
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/labs/play/play_%s.c", sh->root, lab->name);
    return stat(path, &st) == 0;
}

int sh_cmd_play(struct sh *sh, int argc, char **argv)
{
    const char *labname = NULL, *script = NULL;
    bool ref = false, own_labs = false;
    struct sh_lab *lab;
    char target[PATH_MAX], prog[PATH_MAX + 64], what[256], sl[16];
    struct engine e;
    int status = 0;

    for (int i = 1; i < argc; i++) {
        if (sh_opt(argv[i], "--ref") || sh_opt(argv[i], "--reference"))
            ref = true;
        else if (sh_opt(argv[i], "--mine") || sh_opt(argv[i], "-m"))
            own_labs = true;
        else if (sh_opt(argv[i], "-c") && i + 1 < argc)
            script = argv[++i];
        else if (argv[i][0] == '-' || labname)
            return sh_usage("play", argv[i]);
        else
            labname = argv[i];
    }
    lab = labname ? sh_lab_find(sh, labname, true) : sh_lab_default(sh);
    if (!lab)
        return 2;
    sh_lab_short(lab, sl, sizeof sl);
    if (!playground_exists(sh, lab)) {
        struct sh_buf have = { 0 };
        for (int i = 0; i < sh->nlabs; i++)
            if (playground_exists(sh, &sh->labs[i]))
                sh_buf_printf(&have, "%s%s", have.len ? ", " : "", sh->labs[i].name);
        sh_error("%s has no playground yet (labs/play/play_%s.c is not written).%s%s", lab->name,
                 lab->name, have.len ? "  Playgrounds: " : "", sh_buf_str(&have));
        sh_buf_free(&have);
        return 2;
    }
    if (ref && !sh_lab_has_reference(sh, lab)) {
        sh_error("the reference solution of %s is not in this tree (a handout ships none): %s "
                 "plays with your files.", lab->name, sh_cmdref("play %s", sl));
        return 2;
    }
    if (!ref) {
        for (int k = 0; k < lab->student.n; k++) {
            char path[PATH_MAX + 256];
            struct stat st;
            if (stat(sh_lab_path(sh, lab, lab->student.v[k], path, sizeof path), &st) != 0) {
                sh_error("%s/%s is missing: %s brings the skeleton back, or %s plays with the "
                         "reference.", lab->name, lab->student.v[k],
                         sh_cmdref("reset %s", lab->name), sh_cmdref("play %s --ref", sl));
                return 1;
            }
        }
    }
    /* graded isolation unless --mine: your lab, the reference earlier labs */
    snprintf(target, sizeof target, "%s/%s/labs/play_%s", sh->build,
             ref ? "sol" : own_labs ? "tree" : "iso", lab->name);
    snprintf(what, sizeof what, "the %s playground (%s)", lab->name,
             ref ? "reference solution" : own_labs ? "your files, your earlier labs"
                                                   : "your files");
    printf("%sBuilding %s...%s\n", sh_c(SH_DIM), what, sh_c(SH_OFF));
    fflush(stdout);
    if (sh_make(sh, target, what) != 0) {
        if (!ref)
            printf("%s plays with the reference solution instead.\n",
                   sh_cmdref("play %s --ref", sl));
        return 1;
    }
    if (sh->build[0] == '/')
        snprintf(prog, sizeof prog, "%s", target);
    else
        snprintf(prog, sizeof prog, "%s/%s", sh->root, target);

    /* where the commands come from */
    struct sh_strs lines = { 0 };
    bool from_script = script != NULL;
    bool use_readline = !from_script && isatty(STDIN_FILENO);
    bool was_interactive = sh->interactive;
    int next_line = 0;
    if (from_script)
        split_script(script, &lines);
    if (use_readline && !sh->interactive) {
        /* `bin/labs play lab01` typed in a terminal: a prompt too */
        static bool ready;
        if (!ready) {
            sh_history_open();
            sh_complete_init(sh);
            ready = true;
        }
        sh->interactive = true;
    }

    bool restart = true;
    for (;;) {
        if (restart) {
            if (engine_start(sh, &e, prog, ref ? NULL : sh_cmdref("play %s --ref", sl)) != 0) {
                sh_error("cannot start the playground: %s", strerror(errno));
                status = 1;
                break;
            }
            int r = engine_answer(sh, &e);
            if (r != 0) {
                status = 1;
                break;
            }
            restart = false;
        }
        char *line = NULL;
        if (from_script) {
            if (next_line >= lines.n)
                break;
            line = strdup(lines.v[next_line++]);
            printf("%splay>%s %s\n", sh_c(SH_DIM), sh_c(SH_OFF), line);
        } else if (use_readline) {
            char prompt[256];
            const char *d = sh_term_color() ? "\001\033[2m\002" : "";
            const char *b = sh_term_color() ? "\001\033[1m\002" : "";
            const char *o = sh_term_color() ? "\001\033[0m\002" : "";
            snprintf(prompt, sizeof prompt, "%splay %s%s%s%s%s%s> ", d, sl, o, e.context[0] ? " " : "",
                     b, e.context, o);
            line = sh_readline(sh, prompt);
            if (line)
                sh_history_add(line);
        } else {
            size_t cap = 0;
            if (getline(&line, &cap, stdin) < 0) {
                free(line);
                line = NULL;
            } else {
                line[strcspn(line, "\r\n")] = '\0';
                printf("%splay>%s %s\n", sh_c(SH_DIM), sh_c(SH_OFF), line);
            }
        }
        if (!line)
            break;
        const char *t = line;
        while (*t == ' ' || *t == '\t')
            t++;
        if (strcmp(t, "quit") == 0 || strcmp(t, "exit") == 0 || strcmp(t, "back") == 0) {
            free(line);
            break;
        }
        if (strcmp(t, "clear") == 0) {        /* the shell's own, as Ctrl-L */
            char *av[] = { "clear", NULL };
            sh_dispatch(sh, 1, av);
            free(line);
            continue;
        }
        sh->interrupted = 0;
        if (engine_send(&e, t) != 0) {
            free(line);
            restart = true;
            continue;
        }
        free(line);
        int r = engine_answer(sh, &e);
        if (r == 1) {
            engine_stop(&e, false);
            break;
        }
        if (r < 0) {
            printf("%sStarting the playground again: its generators and loops are gone.%s\n",
                   sh_c(SH_DIM), sh_c(SH_OFF));
            status = 1;
            restart = true;
        }
    }
    if (e.alive) {
        engine_send(&e, "quit");
        if (engine_answer(sh, &e) == 1)
            engine_stop(&e, false);
    }
    sh_complete_set_play_words(NULL);
    sh_strs_free(&lines);
    sh->interactive = was_interactive;
    printf("%sLeft the %s playground.%s\n", sh_c(SH_DIM), lab->name, sh_c(SH_OFF));
    return status;
}
