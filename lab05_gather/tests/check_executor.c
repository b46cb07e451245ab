/* Step 7: a thread pool, run_in_executor, wrap_future and
 * run_coroutine_threadsafe. */
#include "lab05_tests.h"

#include <pthread.h>

static struct ts TS;
static bool ts_ok;
static struct pool *P;

static void setup(void)
{
    setup_loop();
    P = NULL;
    ts_ok = ts_init(&TS, &L) == CO_OK;
}

static void teardown(void)
{
    pool_free(P);
    if (ts_ok)
        ts_destroy(&TS);
    teardown_loop();
}

static void new_pool(unsigned n)
{
    ck_assert_msg(ts_ok, "ts_init failed (step 6)");
    P = pool_new(n);
    ck_assert_msg(P, "pool_new(%u) returned NULL (the skeleton's TODO?)", n);
}

/* A blocking fetch: "page-N" for N, or OSError for a negative N.  It
 * waits on a barrier-like gate so that the test knows the jobs overlap. */
static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static int inside, most_inside, gate_need;

static struct co_value fetch(void *arg, struct co_exc *exc)
{
    long n = (long)arg;

    pthread_mutex_lock(&gate_mu);
    inside++;
    if (inside > most_inside)
        most_inside = inside;
    pthread_cond_broadcast(&gate_cv);
    while (most_inside < gate_need)
        pthread_cond_wait(&gate_cv, &gate_mu);
    inside--;
    pthread_mutex_unlock(&gate_mu);
    if (n < 0) {
        *exc = co_exc_make(CO_OS_ERROR, "no such page");
        return co_none();
    }
    return co_int(n * 10);
}

START_TEST(test_pool_submit_runs_the_job_in_a_worker_and_finishes_its_cfuture)
{
    struct cfuture *cf = NULL;
    struct co_value v;
    struct co_exc exc;

    gate_need = 1;
    new_pool(2);
    EXPECT_OK(pool_submit(P, fetch, (void *)4L, &cf));
    expect_outcome(cfuture_result(cf, WAIT_FOREVER, &v, &exc), v, exc, co_int(40),
                   "cf.result() of a job returning 40");
    cfuture_free(cf);
}
END_TEST

START_TEST(test_a_pool_of_three_runs_three_jobs_at_once)
{
    struct cfuture *cf[3];
    struct co_value v;
    struct co_exc exc;

    gate_need = 3;              /* each job waits until three are inside */
    most_inside = 0;
    new_pool(3);
    for (long i = 0; i < 3; i++)
        EXPECT_OK(pool_submit(P, fetch, (void *)i, &cf[i]));
    for (int i = 0; i < 3; i++) {
        ck_assert_msg(cfuture_result(cf[i], WAIT_FOREVER, &v, &exc) == CO_OK,
                      "job %d failed", i);
        cfuture_free(cf[i]);
    }
    ck_assert_msg(most_inside == 3, "three workers run three blocking jobs at the same "
                  "time (at most %d ran together)", most_inside);
}
END_TEST

/* async def main(): return await loop.run_in_executor(pool, fetch, n) */
struct rie_frame {
    long n;
    struct future *fut;
    struct co_value r;
    struct co_exc caught;
};

static void stop_loop(struct future *fut, void *arg)
{
    (void)fut;
    loop_stop(arg);
}

static enum gen_step rie_body(struct gen *g, void *frame)
{
    struct rie_frame *f = frame;

    GEN_BEGIN(g);
    if (run_in_executor(&TS, P, fetch, (void *)f->n, &f->fut) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "run_in_executor failed");
    TASK_TRY_AWAIT(g, f->fut, f->r, f->caught);
    future_free(f->fut);
    if (f->caught.kind != CO_EXC_NONE)
        GEN_RERAISE(g, f->caught);
    GEN_RETURN(g, f->r);
    GEN_END(g);
}

static int run_rie(long n, struct co_value *out, struct co_exc *exc)
{
    struct gen *g = gen_new("main", rie_body, sizeof(struct rie_frame));
    struct task *t;
    int r;

    ((struct rie_frame *)gen_frame(g))->n = n;
    t = new_task(g);
    future_add_done_callback(&t->fut, stop_loop, &L);
    ck_assert_err(loop_run_forever(&L), CO_OK);     /* the door keeps it open: stop */
    r = future_result(&t->fut, out, exc);
    ck_assert_err(task_free(t), CO_OK);
    return r;
}

START_TEST(test_run_in_executor_gives_the_blocking_result_to_the_awaiting_task)
{
    struct co_value out;
    struct co_exc exc;
    int r;

    gate_need = 1;
    new_pool(2);
    r = run_rie(7, &out, &exc);
    expect_outcome(r, out, exc, co_int(70), "await loop.run_in_executor(pool, fetch, 7)");
}
END_TEST

START_TEST(test_run_in_executor_raises_what_the_blocking_call_raised)
{
    struct co_value out;
    struct co_exc exc;
    int r;

    gate_need = 1;
    new_pool(1);
    r = run_rie(-1, &out, &exc);
    expect_outcome_raises(r, exc, CO_OS_ERROR, "run_in_executor of a fetch raising OSError");
}
END_TEST

START_TEST(test_wrap_future_of_a_cfuture_set_in_another_thread)
{
    struct cfuture *cf = cfuture_new();
    struct future *fut = NULL;

    gate_need = 1;
    new_pool(1);
    EXPECT_OK(wrap_future(&TS, cf, &fut));
    ck_assert_msg(!future_done(fut), "the wrapped future is PENDING while cf is");
    EXPECT_OK(cfuture_set_result(cf, co_int(3)));
    future_add_done_callback(fut, stop_loop, &L);
    ck_assert_err(loop_run_forever(&L), CO_OK);
    expect_result(fut, co_int(3), "wrap_future(cf) once cf has 3");
    EXPECT_OK(future_free(fut));
}
END_TEST

/* run_coroutine_threadsafe from another thread onto L, which runs here */
static struct cfuture *CF;
static int RCT;
static struct co_value RV;
static struct co_exc RE;
static int RR;

static void stop_cb(struct loop *loop, void *arg)
{
    (void)arg;
    loop_stop(loop);
}

static void *submitter(void *arg)
{
    (void)arg;
    RCT = run_coroutine_threadsafe(&TS, work("remote", 2, co_int(11), CO_EXC_NONE), &CF);
    if (RCT == CO_OK)
        RR = cfuture_result(CF, WAIT_FOREVER, &RV, &RE);     /* blocks this thread */
    ts_call_soon(&TS, stop_cb, NULL);
    return NULL;
}

START_TEST(test_run_coroutine_threadsafe_runs_it_on_the_loop_and_the_thread_waits_for_it)
{
    pthread_t th;

    ck_assert_msg(ts_ok, "ts_init failed (step 6)");
    CF = NULL;
    RR = CO_ENOSYS;
    ck_assert(pthread_create(&th, NULL, submitter, NULL) == 0);
    ck_assert_err(loop_run_forever(&L), CO_OK);
    pthread_join(th, NULL);
    ck_assert_msg(RCT == CO_OK, "run_coroutine_threadsafe failed: %s%s", co_errname(RCT),
                  todo_hint(RCT, NULL));
    expect_outcome(RR, RV, RE, co_int(11), "cf.result() in the submitting thread");
    expect_trace("remote:start remote:end", "the coroutine ran on the loop");
    ck_assert_msg(loop_time(&L) == 2.0, "on the loop's clock (t=%.1f)", loop_time(&L));
    cfuture_free(CF);
}
END_TEST

START_TEST(test_cfuture_result_with_a_timeout_of_0_on_a_pending_one_is_TimeoutError)
{
    struct cfuture *cf = NULL;
    struct co_value v;
    struct co_exc exc;
    int r;

    ck_assert_msg(ts_ok, "ts_init failed (step 6)");
    r = run_coroutine_threadsafe(&TS, work("later", 1, co_int(1), CO_EXC_NONE), &cf);
    ck_assert_msg(r == CO_OK, "run_coroutine_threadsafe: %s%s", co_errname(r),
                  todo_hint(r, NULL));
    r = cfuture_result(cf, 0, &v, &exc);   /* the loop has not run: not done */
    expect_outcome_raises(r, exc, CO_TIMEOUT_ERROR, "cf.result(timeout=0) before the loop "
                          "ran");
    while (!cfuture_done(cf))              /* the task is made, runs, is freed */
        ck_assert_msg(loop_run_once(&L) >= 0, "loop_run_once failed");
    expect_outcome(cfuture_result(cf, 0, &v, &exc), v, exc, co_int(1), "cf.result() once "
                   "the loop ran the coroutine");
    cfuture_free(cf);
}
END_TEST

/* ---- what `make mutate` asked for (tests/README.md) ------------------- */

START_TEST(test_run_coroutine_threadsafe_refuses_NULL_and_takes_nothing)
{
    struct cfuture *cf = NULL;
    struct gen *c = work("never", 1, co_int(1), CO_EXC_NONE);

    ck_assert_msg(ts_ok, "ts_init failed (step 6)");
    ck_assert_err(run_coroutine_threadsafe(NULL, c, &cf), CO_EINVAL);
    ck_assert_err(run_coroutine_threadsafe(&TS, NULL, &cf), CO_EINVAL);
    ck_assert_err(run_coroutine_threadsafe(&TS, c, NULL), CO_EINVAL);
    ck_assert_msg(cf == NULL, "a refused run_coroutine_threadsafe gives no cfuture");
    ck_assert_msg(TS.n == 0, "refused calls put nothing in the door's mailbox (it holds "
                  "%zu)", TS.n);
    gen_free(c);
}
END_TEST

START_TEST(test_pool_wrap_future_and_run_in_executor_refuse_NULL)
{
    struct cfuture *cf = NULL;
    struct future *f = NULL;

    ck_assert_msg(pool_new(0) == NULL, "pool_new(0) returns NULL: a pool needs a thread");
    new_pool(1);
    ck_assert_err(pool_submit(NULL, fetch, NULL, &cf), CO_EINVAL);
    ck_assert_err(pool_submit(P, NULL, NULL, &cf), CO_EINVAL);
    ck_assert_err(pool_submit(P, fetch, NULL, NULL), CO_EINVAL);
    ck_assert_err(run_in_executor(NULL, P, fetch, NULL, &f), CO_EINVAL);
    ck_assert_err(run_in_executor(&TS, P, NULL, NULL, &f), CO_EINVAL);
    ck_assert_err(run_in_executor(&TS, P, fetch, NULL, NULL), CO_EINVAL);
    ck_assert_err(wrap_future(NULL, (struct cfuture *)1, &f), CO_EINVAL);
    ck_assert_err(wrap_future(&TS, NULL, &f), CO_EINVAL);
    ck_assert_err(wrap_future(&TS, (struct cfuture *)1, NULL), CO_EINVAL);
    ck_assert_msg(cf == NULL && f == NULL, "refused calls give no future");
}
END_TEST

static void nop_cb(struct loop *loop, void *arg)
{
    (void)loop;
    (void)arg;
}

/* run_coroutine_threadsafe of a coroutine that raises: the cfuture holds
 * the exception (concurrent.futures: fut.result() raises it). */
START_TEST(test_run_coroutine_threadsafe_passes_the_exception_to_its_cfuture)
{
    struct cfuture *cf = NULL;
    struct co_value v;
    struct co_exc exc;
    int r;

    ck_assert_msg(ts_ok, "ts_init failed (step 6)");
    r = run_coroutine_threadsafe(&TS, work("bad", 1, co_none(), CO_KEY_ERROR), &cf);
    ck_assert_msg(r == CO_OK, "run_coroutine_threadsafe: %s%s", co_errname(r),
                  todo_hint(r, NULL));
    EXPECT_OK(loop_call_later(&L, 100, nop_cb, NULL, NULL));   /* the loop never idles */
    for (int i = 0; i < 20 && !cfuture_done(cf); i++)
        ck_assert_msg(loop_run_once(&L) >= 0, "loop_run_once failed");
    ck_assert_msg(cfuture_done(cf), "the coroutine raised KeyError at t=1: its cfuture "
                  "should be done by t=100 (hint: the task's done callback sets the "
                  "cfuture's exception when the task failed)");
    expect_outcome_raises(cfuture_result(cf, 0, &v, &exc), exc, CO_KEY_ERROR,
                          "cf.result() of a coroutine that raised KeyError");
    cfuture_free(cf);
}
END_TEST

/* A job that counts its runs, under a lock (it runs in a worker). */
static pthread_mutex_t runs_mu = PTHREAD_MUTEX_INITIALIZER;
static int runs;

static struct co_value count_run(void *arg, struct co_exc *exc)
{
    (void)arg;
    (void)exc;
    pthread_mutex_lock(&runs_mu);
    runs++;
    pthread_mutex_unlock(&runs_mu);
    return co_none();
}

/* run_in_executor refuses a NULL before it submits anything: a job
 * submitted for a call that then fails would run, and its cfuture leak. */
START_TEST(test_a_refused_run_in_executor_submits_no_job)
{
    struct future *f = NULL;

    new_pool(1);
    runs = 0;
    ck_assert_err(run_in_executor(NULL, P, count_run, NULL, &f), CO_EINVAL);
    ck_assert_err(run_in_executor(&TS, P, count_run, NULL, NULL), CO_EINVAL);
    ck_assert_err(run_in_executor(&TS, NULL, count_run, NULL, &f), CO_EINVAL);
    pool_free(P);                           /* runs what was queued, joins */
    P = NULL;
    ck_assert_msg(runs == 0, "three run_in_executor calls with a NULL door, out or pool were "
                  "refused, yet the pool ran %d job(s) for them (hint: check every argument "
                  "before pool_submit)", runs);
    ck_assert_msg(f == NULL, "a refused run_in_executor gives no future");
}
END_TEST

/* run_coroutine_threadsafe on a destroyed door is refused (CO_ECLOSED)
 * and keeps nothing of its own: 200 refusals, then the heap in use must be
 * back where it was.  A refused call takes nothing: the caller frees coro. */
START_TEST(test_run_coroutine_threadsafe_on_a_destroyed_door_keeps_nothing)
{
    size_t before = 0;

    ck_assert_msg(ts_ok, "ts_init failed (step 6)");
    EXPECT_OK(ts_destroy(&TS));
    ts_ok = false;
    for (int round = 0; round < 202; round++) {
        struct cfuture *cf = NULL;
        struct gen *c = work("late", 1, co_int(1), CO_EXC_NONE);

        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        ck_assert_err(run_coroutine_threadsafe(&TS, c, &cf), CO_ECLOSED);
        gen_free(c);
    }
    expect_heap(before, 4096, "200 calls of run_coroutine_threadsafe on a destroyed door, "
                "each refused with CO_ECLOSED", "when ts_call_soon refuses, free the "
                "cfuture and the record made for the call");
}
END_TEST

/* Pools made, given jobs through run_in_executor and coroutines through
 * run_coroutine_threadsafe, and freed, round after round: once each
 * pool's threads are joined the heap must be back where it was.  A job,
 * a wrapped future's record or a coroutine's record left behind is some
 * 50 bytes a call: 4 of each a round over 60 rounds is far above the
 * slack. */
START_TEST(test_pools_jobs_and_futures_across_threads_give_back_all_their_memory)
{
    size_t before = 0;
    struct co_value v;
    struct co_exc exc;

    gate_need = 1;
    for (int round = 0; round < 62; round++) {
        if (round == 2)
            before = heap_in_use();         /* after two rounds: caches warm */
        new_pool(2);
        for (long i = 0; i < 4; i++) {
            struct cfuture *cf = NULL;
            int r = run_rie(i, &v, &exc);

            expect_outcome(r, v, exc, co_int(i * 10), "await loop.run_in_executor(pool, "
                           "fetch, i)");
            r = run_coroutine_threadsafe(&TS, work("rct", 0, co_int(i), CO_EXC_NONE), &cf);
            ck_assert_msg(r == CO_OK, "run_coroutine_threadsafe: %s%s", co_errname(r),
                          todo_hint(r, NULL));
            while (!cfuture_done(cf))
                ck_assert_msg(loop_run_once(&L) >= 0, "loop_run_once failed");
            cfuture_free(cf);
        }
        pool_free(P);                       /* joins its threads */
        P = NULL;
        trace_reset();
    }
    expect_heap(before, 4096, "60 rounds of a pool of 2 running 4 jobs through "
                "run_in_executor, with 4 coroutines through run_coroutine_threadsafe, then "
                "freed", "a worker frees each job it ran; pool_free frees the pool; the "
                "callback that copies a cfuture into its future frees the cfuture and its "
                "record; the task run_coroutine_threadsafe made is freed when it is done, "
                "and so is its record");
}
END_TEST

Suite *make_executor_suite(void)
{
    Suite *s = suite_create("executor");
    TCase *tc = tcase_create("executor");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, LAB05_TIMEOUT);
    tcase_add_test(tc, test_pool_submit_runs_the_job_in_a_worker_and_finishes_its_cfuture);
    tcase_add_test(tc, test_a_pool_of_three_runs_three_jobs_at_once);
    tcase_add_test(tc, test_run_in_executor_gives_the_blocking_result_to_the_awaiting_task);
    tcase_add_test(tc, test_run_in_executor_raises_what_the_blocking_call_raised);
    tcase_add_test(tc, test_wrap_future_of_a_cfuture_set_in_another_thread);
    tcase_add_test(tc, test_run_coroutine_threadsafe_runs_it_on_the_loop_and_the_thread_waits_for_it);
    tcase_add_test(tc, test_cfuture_result_with_a_timeout_of_0_on_a_pending_one_is_TimeoutError);
    tcase_add_test(tc, test_run_coroutine_threadsafe_refuses_NULL_and_takes_nothing);
    tcase_add_test(tc, test_pool_wrap_future_and_run_in_executor_refuse_NULL);
    tcase_add_test(tc, test_run_coroutine_threadsafe_passes_the_exception_to_its_cfuture);
    tcase_add_test(tc, test_pools_jobs_and_futures_across_threads_give_back_all_their_memory);
    tcase_add_test(tc, test_a_refused_run_in_executor_submits_no_job);
    tcase_add_test(tc, test_run_coroutine_threadsafe_on_a_destroyed_door_keeps_nothing);
    suite_add_tcase(s, tc);
    return s;
}
