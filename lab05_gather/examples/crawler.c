/* crawler: the seeds' crawler comparison, on loopback.  A small HTTP/1.1
 * server (its own thread, 127.0.0.1, an ephemeral port) answers each
 * request PAGE_DELAY seconds after it came in; 100 pages are fetched
 *   1. one after the other, with blocking sockets;
 *   2. by a pool of 10 threads (pool_submit, lab05 step 7);
 *   3. by 100 coroutines on the lab's loop, with non-blocking sockets:
 *      connect, then await "writable" (loop_add_writer) and "readable"
 *      (loop_add_reader), gathered (step 1).
 * It prints what every run prints alike (the pages, and whether the
 * coroutines beat the sequential crawl by 10x or more); with the argument
 * `times` also the three times and the speed-ups, which vary from run to
 * run.  Python twin: crawler.py (plain sockets, a ThreadPoolExecutor and
 * asyncio streams). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "example.h"
#include "thread.h"

#define PAGES 100
#define PAGE_DELAY 0.05
#define POOL_THREADS 10
#define MAXCONN 256

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the server: one thread, poll(), a deadline per connection ---------- */

static int listener, stop_pipe[2];
static unsigned short port;

static void *serve(void *arg)
{
    struct conn { int fd; double due; char path[32]; bool got; } c[MAXCONN];
    int n = 0;

    (void)arg;
    for (;;) {
        struct pollfd p[MAXCONN + 2];
        double t = now_s(), next = t + 1;
        int np = 0, timeout;

        p[np++] = (struct pollfd){ .fd = stop_pipe[0], .events = POLLIN };
        p[np++] = (struct pollfd){ .fd = listener, .events = POLLIN };
        for (int i = 0; i < n; i++) {
            p[np++] = (struct pollfd){ .fd = c[i].fd, .events = c[i].got ? 0 : POLLIN };
            if (c[i].got && c[i].due < next)
                next = c[i].due;
        }
        timeout = (int)((next - t) * 1000) + 1;
        poll(p, (nfds_t)np, timeout < 0 ? 0 : timeout);
        if (p[0].revents)
            break;
        for (int i = 0; i < np - 2; i++) {     /* the connections polled */
            char req[512];
            ssize_t k;

            if (!c[i].got && (p[i + 2].revents & (POLLIN | POLLHUP))) {
                k = recv(c[i].fd, req, sizeof req - 1, 0);
                req[k > 0 ? k : 0] = '\0';
                sscanf(req, "GET %31s", c[i].path);
                c[i].got = true;
                c[i].due = now_s() + PAGE_DELAY;
            }
        }
        if ((p[1].revents & POLLIN) && n < MAXCONN) {
            int fd = accept(listener, NULL, NULL);

            if (fd >= 0)
                c[n++] = (struct conn){ .fd = fd };
        }
        t = now_s();
        for (int i = 0; i < n; i++)
            if (c[i].got && c[i].due <= t) {
                char resp[256];
                int len = snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nContent-Length: %zu"
                                   "\r\nConnection: close\r\n\r\n%s", strlen(c[i].path),
                                   c[i].path);

                if (send(c[i].fd, resp, (size_t)len, 0) < 0) {
                    /* the client went away: nothing to do */
                }
                close(c[i].fd);
                c[i--] = c[--n];
            }
    }
    for (int i = 0; i < n; i++)
        close(c[i].fd);
    return NULL;
}

static int server_start(pthread_t *t)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;

    if ((listener = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
        bind(listener, (struct sockaddr *)&a, sizeof a) != 0 || listen(listener, 256) != 0 ||
        getsockname(listener, (struct sockaddr *)&a, &len) != 0 || pipe(stop_pipe) != 0)
        return -1;
    port = ntohs(a.sin_port);
    return pthread_create(t, NULL, serve, NULL);
}

static void server_stop(pthread_t t)
{
    if (write(stop_pipe[1], "x", 1) != 1)
        return;
    pthread_join(t, NULL);
    close(listener);
    close(stop_pipe[0]);
    close(stop_pipe[1]);
}

/* ---- a page: the request, and the body of the answer --------------------- */

static int request(char *buf, size_t n, long i)
{
    return snprintf(buf, n, "GET /page/%ld HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                    "\r\n\r\n", i);
}

/* The answer's body is the path: is it page i's? */
static bool is_page(const char *resp, size_t len, long i)
{
    char want[32];
    const char *body = NULL;

    for (size_t k = 0; !body && k + 4 <= len; k++)     /* the end of the headers */
        if (memcmp(resp + k, "\r\n\r\n", 4) == 0)
            body = resp + k;
    snprintf(want, sizeof want, "/page/%ld", i);
    return body && strncmp(body + 4, want, strlen(want)) == 0 &&
           (size_t)(resp + len - (body + 4)) == strlen(want);
}

static struct sockaddr_in server_addr(void)
{
    return (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(port),
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
}

/* A blocking fetch (sequential, and the pool's job): 1 if page i came. */
static struct co_value fetch_blocking(void *arg, struct co_exc *exc)
{
    long i = (long)arg;
    struct sockaddr_in a = server_addr();
    char req[128], resp[512];
    size_t len = 0;
    ssize_t k;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        *exc = co_exc_make(CO_OS_ERROR, "connect");
        if (fd >= 0)
            close(fd);
        return co_none();
    }
    k = request(req, sizeof req, i);
    if (send(fd, req, (size_t)k, 0) != k)
        *exc = co_exc_make(CO_OS_ERROR, "send");
    while ((k = recv(fd, resp + len, sizeof resp - 1 - len, 0)) > 0)
        len += (size_t)k;
    close(fd);
    return co_int(is_page(resp, len, i));
}

/* ---- the coroutine crawl ------------------------------------------------ */

/* await "fd is ready": a future set by the loop's reader or writer */
struct fd_wait {
    struct loop *loop;
    int fd;
    bool write;
    struct future fut;
};

static void fd_ready(struct loop *loop, void *arg)
{
    struct fd_wait *w = arg;

    if (w->write)
        loop_remove_writer(loop, w->fd);
    else
        loop_remove_reader(loop, w->fd);
    future_set_result(&w->fut, co_none(), NULL);
}

static void fd_wait_start(struct fd_wait *w, bool write)
{
    w->write = write;
    future_init(&w->fut, w->loop);
    if (write)
        loop_add_writer(w->loop, w->fd, fd_ready, w);
    else
        loop_add_reader(w->loop, w->fd, fd_ready, w);
}

struct fetch_frame {
    long i;
    struct fd_wait w;
    char req[128], resp[512];
    size_t len;
    struct co_value r;
};

static enum gen_step fetch_body(struct gen *g, void *frame)
{
    struct fetch_frame *f = frame;
    struct sockaddr_in a = server_addr();
    ssize_t k;

    GEN_BEGIN(g);
    f->w.loop = task_running_loop();
    if ((f->w.fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
        GEN_RAISE(g, CO_OS_ERROR, "socket");
    fcntl(f->w.fd, F_SETFL, O_NONBLOCK);
    if (connect(f->w.fd, (struct sockaddr *)&a, sizeof a) != 0 && errno != EINPROGRESS)
        GEN_RAISE(g, CO_OS_ERROR, "connect");
    fd_wait_start(&f->w, true);
    TASK_AWAIT(g, &f->w.fut, f->r);            /* connected */
    future_destroy(&f->w.fut);
    k = request(f->req, sizeof f->req, f->i);
    if (send(f->w.fd, f->req, (size_t)k, 0) != k)
        GEN_RAISE(g, CO_OS_ERROR, "send");
    for (;;) {
        fd_wait_start(&f->w, false);
        TASK_AWAIT(g, &f->w.fut, f->r);        /* something to read */
        future_destroy(&f->w.fut);
        k = recv(f->w.fd, f->resp + f->len, sizeof f->resp - 1 - f->len, 0);
        if (k <= 0)
            break;
        f->len += (size_t)k;
    }
    close(f->w.fd);
    GEN_RETURN(g, co_int(is_page(f->resp, f->len, f->i)));
    GEN_END(g);
}

struct crawl_frame {
    struct gather *ga;
    long ok;
    struct co_value r;
};

static enum gen_step crawl_body(struct gen *g, void *frame)
{
    struct crawl_frame *f = frame;
    struct aw aws[PAGES];
    struct co_exc e;

    GEN_BEGIN(g);
    for (long i = 0; i < PAGES; i++) {
        struct gen *c = gen_new("fetch", fetch_body, sizeof(struct fetch_frame));

        ((struct fetch_frame *)gen_frame(c))->i = i;
        aws[i] = AW_CORO(c);
    }
    if (gather_new(task_running_loop(), aws, PAGES, false, &f->ga) != CO_OK)
        GEN_RAISE(g, CO_RUNTIME_ERROR, "gather_new failed");
    TASK_AWAIT(g, &f->ga->fut, f->r);
    for (size_t i = 0; i < f->ga->n; i++)
        if (gather_result_at(f->ga, i, &f->r, &e) == CO_OK)
            f->ok += f->r.as.i;
    gather_free(f->ga);
    GEN_RETURN(g, co_int(f->ok));
    GEN_END(g);
}

int main(int argc, char **argv)
{
    bool times = argc > 1 && strcmp(argv[1], "times") == 0;
    double t[4];
    long ok[3] = { 0, 0, 0 };
    pthread_t server;
    struct pool *p;
    struct cfuture *cf[PAGES];
    struct co_value v;
    struct co_exc e;

    if (server_start(&server) != 0 || !(p = pool_new(POOL_THREADS)))
        return 1;
    t[0] = now_s();
    for (long i = 0; i < PAGES; i++) {                        /* 1. sequential */
        e.kind = CO_EXC_NONE;
        v = fetch_blocking((void *)i, &e);
        ok[0] += e.kind == CO_EXC_NONE && v.as.i;
    }
    t[1] = now_s();
    for (long i = 0; i < PAGES; i++)                           /* 2. a thread pool */
        if (pool_submit(p, fetch_blocking, (void *)i, &cf[i]) != CO_OK)
            return 1;
    for (long i = 0; i < PAGES; i++) {
        ok[1] += cfuture_result(cf[i], 60, &v, &e) == CO_OK && v.as.i;
        cfuture_free(cf[i]);
    }
    t[2] = now_s();
    if (task_run(gen_new("crawl", crawl_body, sizeof(struct crawl_frame)),  /* 3. coroutines */
                 LOOP_CLOCK_MONOTONIC, &v, &e) == CO_OK)
        ok[2] = (long)v.as.i;
    t[3] = now_s();
    pool_free(p);
    server_stop(server);
    printf("sequential:    %ld of %d pages\n", ok[0], PAGES);
    printf("thread pool:   %ld of %d pages\n", ok[1], PAGES);
    printf("coroutines:    %ld of %d pages\n", ok[2], PAGES);
    printf("coroutines at least 10x faster than sequential: %s\n",
           (t[1] - t[0]) >= 10 * (t[3] - t[2]) ? "yes" : "no");
    if (times) {          /* the setting first: bench.sh prints the floors from it */
        printf("times: %d pages, each answered %.0f ms late; a pool of %d threads\n", PAGES,
               PAGE_DELAY * 1000, POOL_THREADS);
        printf("times: sequential %.3f s, thread pool %.3f s (x%.1f), coroutines %.3f s (x%.1f)\n",
               t[1] - t[0], t[2] - t[1], (t[1] - t[0]) / (t[2] - t[1]), t[3] - t[2],
               (t[1] - t[0]) / (t[3] - t[2]));
    }
    return 0;
}
