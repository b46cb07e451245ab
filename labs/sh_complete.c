/*
 * sh_complete.c - reading a line: GNU readline, completion, history.
 *
 * The prompt uses readline's callback interface, so that Ctrl-C at the
 * prompt clears the line (as in bash) instead of killing the shell, and
 * so that a select() loop owns the waiting.  History is kept in a file
 * across sessions: $LABS_HISTORY, else ~/.coro_labs_history (a playground's
 * own: the same name with .play added).
 */
#include "sh.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

static struct sh *the_sh;
static char history_path[4200];
static struct sh_strs play_words;   /* "KEY w1 w2 ..." lines from a playground */
static struct sh_strs candidates;   /* the current completion's matches */

/* ---- history -------------------------------------------------------------- */

void sh_history_open(void)
{
    const char *env = getenv("LABS_HISTORY");
    const char *home = getenv("HOME");

    using_history();
    stifle_history(1000);
    if (env && *env)
        snprintf(history_path, sizeof history_path, "%s", env);
    else if (home && *home)
        snprintf(history_path, sizeof history_path, "%s/.coro_labs_history", home);
    else
        history_path[0] = '\0';
    if (history_path[0])
        read_history(history_path);
}

void sh_history_add(const char *text)
{
    HIST_ENTRY *last;
    char line[4096];
    size_t n;

    if (!text || !*text || text[0] == ' ')
        return;                      /* a leading space keeps a line out, as in bash */
    snprintf(line, sizeof line, "%s", text);
    n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        line[--n] = '\0';           /* what completion leaves behind */
    last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && strcmp(last->line, line) == 0)
        return;
    add_history(line);
    if (!history_path[0])
        return;
    /* append_history needs the file to exist */
    if (access(history_path, F_OK) != 0) {
        FILE *f = fopen(history_path, "a");
        if (f)
            fclose(f);
    }
    if (append_history(1, history_path) == 0)
        history_truncate_file(history_path, 1000);
}

/* ---- completion ------------------------------------------------------------ */

static void cand(const char *s, const char *text)
{
    if (strncmp(s, text, strlen(text)) == 0 && sh_strs_find(&candidates, s) < 0)
        sh_strs_add(&candidates, s);
}

static int cand_index;

static char *cand_next(const char *text, int state)
{
    (void)text;
    if (state == 0)
        cand_index = 0;
    if (cand_index < candidates.n)
        return strdup(candidates.v[cand_index++]);
    return NULL;
}

static void lab_candidates(const char *text)
{
    for (int i = 0; i < the_sh->nlabs; i++) {
        const char *name = the_sh->labs[i].name;
        const char *topic = strchr(name, '_');
        if (strncmp(name, text, strlen(text)) == 0 ||
            (topic && *text && strncmp(topic + 1, text, strlen(text)) == 0))
            sh_strs_add(&candidates, name);
    }
}

static void play_candidates(const char *key, const char *text)
{
    for (int i = 0; i < play_words.n; i++) {
        const char *line = play_words.v[i];
        size_t kl = strcspn(line, " ");
        if (strlen(key) != kl || strncmp(line, key, kl) != 0)
            continue;
        struct sh_strs w = { 0 };
        sh_split(line + kl, &w);
        for (int k = 0; k < w.n; k++)
            cand(w.v[k], text);
        sh_strs_free(&w);
    }
}

/*
 * A playground keeps its own history: its commands (quit, free, throw)
 * mean something else at the main prompt, where Up then Enter on a
 * playground's `quit` would close the shell.  Entering a playground
 * (its first word list) puts the main prompt's history aside and reads
 * the playground's own file ($LABS_HISTORY.play); leaving (NULL) brings
 * the main one back.
 */
static HISTORY_STATE *main_history;
static char main_path[sizeof history_path];

static void history_enter_play(void)
{
    HISTORY_STATE empty;

    if (main_history)
        return;
    main_history = history_get_history_state();
    if (!main_history)
        return;
    memset(&empty, 0, sizeof empty);
    history_set_history_state(&empty);       /* a new, empty list */
    stifle_history(1000);
    snprintf(main_path, sizeof main_path, "%s", history_path);
    if (main_path[0] && strlen(main_path) + 5 < sizeof history_path) {
        snprintf(history_path, sizeof history_path, "%s.play", main_path);
        read_history(history_path);
    } else {
        history_path[0] = '\0';
    }
}

static void history_leave_play(void)
{
    if (!main_history)
        return;
    clear_history();                         /* the playground's entries */
    history_set_history_state(main_history);
    free(main_history);
    main_history = NULL;
    snprintf(history_path, sizeof history_path, "%s", main_path);
}

void sh_complete_set_play_words(const struct sh_strs *words)
{
    if (words)
        history_enter_play();
    else
        history_leave_play();
    sh_strs_free(&play_words);
    for (int i = 0; words && i < words->n; i++)
        sh_strs_add(&play_words, words->v[i]);
}

static char **complete(const char *text, int start, int end)
{
    struct sh_strs words = { 0 };
    char *before = strndup(rl_line_buffer, (size_t)start);
    const struct sh_cmd *c;
    int positional = 0;
    char **result = NULL;

    (void)end;
    rl_attempted_completion_over = 1;     /* no file names unless said below */
    sh_strs_free(&candidates);
    if (!before)
        return NULL;
    if (sh_split(before, &words) < 0) {
        free(before);
        return NULL;
    }
    free(before);
    /* the labs as loaded before this prompt: a command running (play)
     * holds pointers into them, so they are never reloaded here */

    if (play_words.n > 0) {
        /* inside a playground: its commands, then that command's words */
        play_candidates(words.n == 0 ? "-" : words.v[0], text);
        if (words.n > 0 && candidates.n == 0)
            play_candidates("*", text);
        goto done;
    }
    if (words.n == 0) {
        for (int i = 0; sh_cmds[i].name; i++)
            cand(sh_cmds[i].name, text);
        for (int i = 0; the_sh && i < the_sh->nlabs; i++)
            cand(the_sh->labs[i].name, text);   /* a lab name switches to it */
        goto done;
    }
    c = sh_cmd_find(words.v[0]);
    if (!c)
        goto done;
    if (strcmp(words.v[words.n - 1], "--svg") == 0) {
        rl_attempted_completion_over = 0;     /* a file name */
        sh_strs_free(&words);
        return NULL;
    }
    if (text[0] == '-') {
        struct sh_strs opts = { 0 };
        sh_split(c->options, &opts);
        for (int i = 0; i < opts.n; i++)
            cand(opts.v[i], text);
        sh_strs_free(&opts);
        goto done;
    }
    for (int i = 1; i < words.n; i++)
        if (words.v[i][0] != '-')
            positional++;
    {
        struct sh_strs kinds = { 0 };
        sh_split(c->args, &kinds);
        const char *kind = positional < kinds.n ? kinds.v[positional] : "";
        struct sh_lab *lab = NULL;
        /* the lab named before, for test names and steps */
        for (int i = 1; i < words.n && !lab; i++)
            if (words.v[i][0] != '-')
                lab = sh_lab_find(the_sh, words.v[i], false);
        if (!lab && the_sh && the_sh->nlabs)
            lab = sh_lab_default(the_sh);
        if (strcmp(kind, "lab") == 0) {
            lab_candidates(text);
            /* `check test_...` without a lab: the current lab's tests */
            if (strcmp(c->name, "check") == 0 && lab && strncmp(text, "test", 4) == 0)
                for (int i = 0; i < lab->npoints; i++)
                    cand(lab->points[i].test, text);
        } else if (strcmp(kind, "test") == 0 && lab) {
            for (int i = 0; i < lab->npoints; i++)
                cand(lab->points[i].test, text);
        } else if (strcmp(kind, "step") == 0 && lab) {
            int nums[64];
            int n = sh_hint_steps(the_sh, lab, nums, 64);
            for (int i = 0; i < n && i < 64; i++) {
                char b[16];
                snprintf(b, sizeof b, "%d", nums[i]);
                cand(b, text);
            }
        } else if (strcmp(kind, "example") == 0) {
            for (int i = 0; i < the_sh->nlabs; i++)
                for (int k = 0; k < the_sh->labs[i].examples.n; k++) {
                    char b[512];
                    int dup = 0;
                    for (int j = 0; j < the_sh->nlabs; j++)
                        dup += sh_strs_find(&the_sh->labs[j].examples,
                                            the_sh->labs[i].examples.v[k]) >= 0;
                    if (dup > 1 || strchr(text, '/')) {
                        snprintf(b, sizeof b, "%s/%s", the_sh->labs[i].name,
                                 the_sh->labs[i].examples.v[k]);
                        cand(b, text);
                    } else {
                        cand(the_sh->labs[i].examples.v[k], text);
                    }
                }
        } else if (strcmp(kind, "command") == 0) {
            for (int i = 0; sh_cmds[i].name; i++)
                cand(sh_cmds[i].name, text);
        }
        sh_strs_free(&kinds);
    }
done:
    sh_strs_free(&words);
    if (candidates.n > 0)
        result = rl_completion_matches(text, cand_next);
    return result;
}

void sh_complete_init(struct sh *sh)
{
    the_sh = sh;
    rl_readline_name = "labs";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n";
    rl_catch_signals = 0;      /* Ctrl-C is ours: it clears the line */
    rl_catch_sigwinch = 1;
}

/* ---- reading a line ---------------------------------------------------------- */

static char *got_line;
static bool got_done;

static void on_line(char *line)
{
    got_line = line;
    got_done = true;
    rl_callback_handler_remove();
}

static void on_sigint_prompt(int sig)
{
    (void)sig;
    if (the_sh)
        the_sh->interrupted = 1;
}

char *sh_readline(struct sh *sh, const char *prompt)
{
    if (!sh->interactive) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        if (prompt && *prompt) {
            fputs(prompt, stdout);
            fflush(stdout);
        }
        n = getline(&line, &cap, stdin);
        if (n < 0) {
            free(line);
            return NULL;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        return line;
    }

    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint_prompt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);

    got_line = NULL;
    got_done = false;
    sh->interrupted = 0;
    fflush(stdout);
    /* SIGINT stays blocked except inside pselect(), so that a Ctrl-C can
     * never slip in between the check of the flag and the wait */
    sigset_t block, unblocked;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &unblocked);
    sigdelset(&unblocked, SIGINT);
    rl_callback_handler_install(prompt, on_line);
    while (!got_done) {
        if (sh->interrupted) {
            /* Ctrl-C: drop the line, new prompt, as bash does */
            sh->interrupted = 0;
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_replace_line("", 0);
            fputs("^C\n", rl_outstream ? rl_outstream : stdout);
            rl_on_new_line();
            rl_redisplay();
            continue;
        }
        fd_set fds;
        int fd = fileno(rl_instream ? rl_instream : stdin);
        FD_ZERO(&fds);
        FD_SET(fd, &fds);
        int r = pselect(fd + 1, &fds, NULL, NULL, NULL, &unblocked);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        rl_callback_read_char();
    }
    if (!got_done)
        rl_callback_handler_remove();
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    sigaction(SIGINT, &old, NULL);
    return got_line;
}

bool sh_confirm(struct sh *sh, const char *question)
{
    char prompt[1024];
    char *answer;
    bool yes;

    if (sh->assume_yes)
        return true;
    snprintf(prompt, sizeof prompt, "%s [y/N] ", question);
    answer = sh_readline(sh, prompt);
    if (!answer) {
        printf("\n(no answer: nothing done.  --yes answers yes, for scripts.)\n");
        return false;
    }
    if (!sh->interactive && !isatty(STDIN_FILENO))
        printf("%s\n", answer);     /* a script's answer, shown as if typed */
    yes = answer[0] == 'y' || answer[0] == 'Y';
    free(answer);
    return yes;
}
