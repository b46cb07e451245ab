/* What lab02's test files share: the suites, the generators they
 * delegate through, and the expect_* checks. */
#ifndef LAB02_TESTS_H
#define LAB02_TESTS_H

#include <stdbool.h>
#include <stddef.h>

#include "co_testkit.h"
#include "gen.h"
#include "yieldfrom.h"

Suite *make_collect_suite(void);
Suite *make_start_suite(void);
Suite *make_send_suite(void);
Suite *make_raise_suite(void);
Suite *make_close_suite(void);
Suite *make_depth_suite(void);

/* Seconds before a test counts as hung (an endless loop fails, never hangs). */
#define LAB02_TIMEOUT 5

/* ---- a trail: what the bodies of one test did, in order ------------------ */

/* "sub starts sub got 10 outer got 'done'": each entry is appended with a
 * space in between, so that a test compares one string and a failure
 * shows the whole story.  Entries beyond its size are cut, visibly. */
struct trail {
    char text[480];
};

/* Append printf(fmt, ...) to t; a NULL t is fine (nothing recorded). */
void trail_add(struct trail *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- the subgenerator the tests delegate to ------------------------------- */

/* What the scripted subgenerator does with an exception thrown in at one
 * of its yields (GeneratorExit included). */
enum sub_reaction {
    SUB_RERAISES = 0,  /* lets it escape: a clean exit for GeneratorExit */
    SUB_GOES_ON,       /* swallows it and yields its next value */
    SUB_RETURNS,       /* returns 'early' */
    SUB_RAISES_KEY_ERROR,  /* raises KeyError instead */
};

/*
 * sub(script): yields first, first + 1, ... (n ints); each value sent in is
 * recorded as "NAME got REPR", each exception caught as "NAME caught
 * KIND" and answered as `on_throw` (GeneratorExit: `on_exit`) says.  After
 * the n-th yield it raises `raises` ("raised by NAME") if that is set,
 * else returns `ret`.  Every entry to its body calls hook(hook_arg) first.
 */
struct sub_script {
    const char *name;              /* in the trail; NULL means "sub" */
    long long first;               /* the first value it yields */
    int n;                         /* how many values it yields */
    struct co_value ret;           /* what it returns after the last */
    enum co_exc_kind raises;       /* raise this instead of returning */
    enum sub_reaction on_throw;    /* thrown exceptions but GeneratorExit */
    enum sub_reaction on_exit;     /* a thrown GeneratorExit (close) */
    struct trail *trail;           /* test-owned, may be NULL */
    int *entered;                  /* counts body entries; may be NULL */
    void (*hook)(void *arg);       /* called at each body entry; may be NULL */
    void *hook_arg;
};

/* A new sub generator following a copy of *script; NULL only if out of memory. */
struct gen *sub_new(const struct sub_script *script);

/* ---- the delegating generator ---------------------------------------------- */

/*
 * outer: records "outer starts", then delegates (GEN_YIELD_FROM; with
 * `catching`, GEN_TRY_YIELD_FROM, recording "outer caught KIND", then
 * re-raising a GeneratorExit and carrying on with the result 'caught'
 * after anything else).  Then it records "outer got REPR(result)",
 * yields 'outer goes on', and returns the result.
 */
struct gen *outer_new(const struct sub_script *script, bool catching);

/* The same delegating to `sub` as given (any generator, or NULL): the
 * outer owns it once the delegation starts; until then the test does. */
struct gen *outer_of(struct gen *sub, bool catching, struct trail *trail);

/* Free g, paused in a delegation, without resuming it: a step-2 test
 * (yf_start) ends here, since gen_free would close g, and closing a
 * delegation goes through yf_resume (step 3) and GeneratorExit (step 5).
 * g's subgenerator is freed as the plain generator it is. */
void free_mid_delegation(struct gen *g);

/* ---- chains of delegation ---------------------------------------------------- */

#define CHAIN_WATCHED 16   /* levels whose generators chain.levels keeps */

/*
 * A chain of `depth` levels: level k delegates to level k - 1, level 0 to
 * sub(leaf).  Each level records "Lk caught KIND" for what comes out of
 * its delegation, handles it if k == handle_at (as if its delegation
 * returned 0), else re-raises it; it returns its delegation's result + 1,
 * so the outermost returns leaf.ret + depth when nothing is raised.
 * The struct is the test's, and must outlive the chain.
 */
struct chain {
    struct sub_script leaf;                 /* the innermost subgenerator */
    int handle_at;                          /* the level that handles; -1: none */
    long long entries;                      /* body entries, all levels together */
    struct gen *levels[CHAIN_WATCHED];      /* levels[k] once level k started */
};

/* The outermost level (depth - 1) of chain c; NULL only if out of memory. */
struct gen *chain_new(struct chain *c, int depth);

/* ---- checks (the generic ones are common/co_testkit.h's) ------------------------ */

/* "YF_YIELDED", "YF_RETURNED", "YF_RAISED" or the co_err name of r. */
const char *yf_step_name(int r);

/* The first next() of g, which delegates to a sub(script) at once
 * (outer_new, chain_new), must yield script->first. */
#define expect_first(g, script) \
    expect_yielded(step_next(g), co_int((script)->first), \
                   "next() #1, delegating to sub at once (expected sub's first value)")

/* A call must have returned `want`: a yf_* call (expect_yf) or a gen_*
 * call (expect_outcome); the message names the codes accordingly. */
#define expect_yf(got, want, situation) \
    CO_EXPECT(why_not_code((got), (want), yf_step_name, (situation)))
#define expect_outcome(got, want, situation) \
    CO_EXPECT(why_not_code((got), (want), gen_outcome_name, (situation)))
const char *why_not_code(int got, int want, const char *(*name)(int),
                         const char *situation);

/* The trail must read exactly `want`. */
#define expect_trail(t, want, situation) \
    CO_EXPECT(why_not_trail((t), (want), (situation)))
const char *why_not_trail(const struct trail *t, const char *want,
                          const char *situation);

/* g->delegate must be `want` (NULL: no delegation in progress). */
#define expect_delegate(g, want, situation) \
    CO_EXPECT(why_not_delegate((g), (want), (situation)))
const char *why_not_delegate(const struct gen *g, const struct gen *want,
                             const char *situation);

/* The heap in use must be back at `before`, exactly (after heap_in_use_warm). */
#define expect_heap_back(before, situation) \
    expect_heap((before), 0, (situation), "a delegation that ends, however it ends, " \
                "frees its subgenerator and clears g->delegate")

#endif
