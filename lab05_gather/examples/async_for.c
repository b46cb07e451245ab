/* async_for: the seed's Reader, whose __anext__ awaits a readline and
 * ends with StopAsyncIteration: here the lines come from a pipe (the
 * numbers 1 to 99 written in one go, then the end of the file), read when
 * the loop says the pipe is readable (lab03's loop_add_reader).
 * `async for x in it: body` is
 *     while True: try: x = await it.__anext__() except StopAsyncIteration: break
 * (sync.h: struct aiter_ops).  Python twin: async_for.py. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "example.h"
#include "sync.h"

struct reader {
    struct loop *loop;
    int fd;
    char buf[512];
    size_t len;
    bool eof;
    struct future *readable;   /* set by the loop's reader callback */
};

static void on_readable(struct loop *loop, void *arg)
{
    struct reader *r = arg;

    loop_remove_reader(loop, r->fd);
    future_set_result(r->readable, co_none(), NULL);
}

/* async def __anext__(self): line = await readline(); if not line: raise StopAsyncIteration */
struct anext_frame {
    struct reader *r;
    struct future readable;
    struct co_value got;
};

static enum gen_step anext_body(struct gen *g, void *frame)
{
    struct anext_frame *f = frame;
    struct reader *r = f->r;
    char *nl;
    long n;

    GEN_BEGIN(g);
    while (!memchr(f->r->buf, '\n', f->r->len) && !f->r->eof) {
        future_init(&f->readable, f->r->loop);
        f->r->readable = &f->readable;
        loop_add_reader(f->r->loop, f->r->fd, on_readable, f->r);
        TASK_AWAIT(g, &f->readable, f->got);       /* the loop polls the pipe */
        future_destroy(&f->readable);
        r = f->r;
        n = read(r->fd, r->buf + r->len, sizeof r->buf - r->len);
        if (n <= 0)
            r->eof = true;
        else
            r->len += (size_t)n;
    }
    r = f->r;
    if (!(nl = memchr(r->buf, '\n', r->len)))
        GEN_RAISE(g, CO_STOP_ASYNC_ITERATION, NULL);
    n = strtol(r->buf, NULL, 10);
    r->len -= (size_t)(nl + 1 - r->buf);
    memmove(r->buf, nl + 1, r->len);
    GEN_RETURN(g, co_int(n));
    GEN_END(g);
}

static struct gen *reader_anext(void *self)
{
    struct gen *g = gen_new("__anext__", anext_body, sizeof(struct anext_frame));

    ((struct anext_frame *)gen_frame(g))->r = self;
    return g;
}
static const struct aiter_ops reader_ops = { reader_anext };

struct main_frame {
    struct reader r;
    struct co_value item;
    struct co_exc caught;
};

static enum gen_step main_body(struct gen *g, void *frame)
{
    struct main_frame *f = frame;
    int p[2];
    char text[400];
    size_t len = 0;

    GEN_BEGIN(g);
    if (pipe(p) != 0)
        GEN_RAISE(g, CO_OS_ERROR, "pipe");
    for (int i = 1; i < 100; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%d\n", i);
    if (write(p[1], text, len) != (ssize_t)len)
        GEN_RAISE(g, CO_OS_ERROR, "write");
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    f->r = (struct reader){ .loop = task_running_loop(), .fd = p[0] };
    for (;;) {                                       /* async for item in Reader(): */
        TASK_TRY_AWAIT_GEN(g, reader_ops.anext(&f->r), f->item, f->caught);
        if (co_exc_is(&f->caught, CO_STOP_ASYNC_ITERATION))
            break;
        if (f->caught.kind != CO_EXC_NONE)
            GEN_RERAISE(g, f->caught);
        printf("%lld\n", f->item.as.i);
    }
    close(f->r.fd);
    GEN_RETURN(g, co_none());
    GEN_END(g);
}

int main(void)
{
    return example_run(main_body, sizeof(struct main_frame));
}
