/* socket_wait: switching on I/O for real.  A task waits until a socket
 * is readable (the loop watches it with poll()); timers write to the
 * other end at 0.5 s and 1.5 s.  On the virtual clock the loop jumps to
 * each timer, since the socket has nothing to read until then.
 * Python twin: socket_wait.py (asyncio's loop.sock_recv). */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "co_trace.h"
#include "loop.h"
#include "scenario.h"

static void say(struct loop *loop, const char *text)
{
    printf("t=%.1f  %s\n", loop_time(loop), text);
    co_trace(CO_TRACE_NOTE, "socket_wait", loop_time(loop), co_none(), text);
}

/* async def reader(loop, sock):
 *     for _ in range(2):
 *         say('reader: waiting for data')
 *         data = await loop.sock_recv(sock, 100)
 *         say('reader: got ' + data.decode())                       */
struct reader_frame {
    struct loop *loop;
    int fd;
    int i;
    char line[128];
    struct loop_request req;
};

static enum gen_step reader_body(struct gen *g, void *frame)
{
    struct reader_frame *f = frame;
    char data[100];
    ssize_t n;

    GEN_BEGIN(g);
    for (f->i = 0; f->i < 2; f->i++) {
        say(f->loop, "reader: waiting for data");
        GEN_YIELD(g, loop_readable(&f->req, f->fd));   /* the loop resumes us when it is */
        n = read(f->fd, data, sizeof data - 1);         /* ...so this does not block */
        data[n > 0 ? n : 0] = '\0';
        snprintf(f->line, sizeof f->line, "reader: got %s", data);
        say(f->loop, f->line);
    }
    GEN_END(g);
}

/* def writer(sock, text):
 *     sock.send(text.encode())
 *     say('writer: sent ' + text)                                    */
struct message {
    int fd;
    const char *text;
};

static void writer(struct loop *loop, void *arg)
{
    const struct message *m = arg;
    char line[64];

    if (write(m->fd, m->text, strlen(m->text)) < 0)
        perror("write");
    snprintf(line, sizeof line, "writer: sent %s", m->text);
    say(loop, line);
}

static void stop_loop(struct loop *loop, struct loop_runner *r, void *arg)
{
    (void)r;
    (void)arg;
    loop_stop(loop);
}

/* The scenario (scenario.h): a socket pair; the reader waits on one end,
 * two timers write to the other. */
static struct gen *g;
static struct loop_runner task;
static int sv[2] = { -1, -1 };
static struct message ping, pong;

static int setup(struct loop *loop)
{
    struct loop_handle *hping, *hpong;
    int r;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return CO_ENOMEM;
    ping = (struct message){ sv[1], "ping" };
    pong = (struct message){ sv[1], "pong" };
    g = gen_new("reader", reader_body, sizeof(struct reader_frame));
    if (!g)
        return CO_ENOMEM;
    *(struct reader_frame *)gen_frame(g) = (struct reader_frame){ .loop = loop, .fd = sv[0] };
    if ((r = loop_call_later(loop, 0.5, writer, &ping, &hping)) != CO_OK ||
        (r = loop_call_later(loop, 1.5, writer, &pong, &hpong)) != CO_OK)
        return r;
    hping->name = "writer_ping";                                /* for `labs play` */
    hpong->name = "writer_pong";
    return loop_spawn(loop, &task, g, stop_loop, NULL);         /* run_until_complete(reader(...)) */
}

static void teardown(void)
{
    gen_free(g);
    g = NULL;
    for (int i = 0; i < 2; i++)
        if (sv[i] >= 0)
            close(sv[i]);
    sv[0] = sv[1] = -1;
}

EXAMPLE_SCENARIO(socket_wait, "a reader waits on a socket; timers write to it", setup, teardown)

#ifndef PLAY_SCENARIO
int main(void)
{
    struct loop loop;
    int ok;

    loop_init(&loop, LOOP_CLOCK_VIRTUAL);
    ok = setup(&loop) == CO_OK && loop_run_forever(&loop) == CO_OK;
    loop_close(&loop);
    loop_destroy(&loop);
    teardown();
    return ok ? 0 : 1;
}
#endif
