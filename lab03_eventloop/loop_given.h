/*
 * loop_given - the handle allocator that loop_given.c (given code) and
 * loop.c (yours) share.  Not part of the API: only the two loop files
 * include it.
 */
#ifndef LOOP_GIVEN_H
#define LOOP_GIVEN_H

#include "loop.h"

/* A fresh handle for fn(arg), from the spare list if possible (O(1), no
 * malloc in a steady state), with the next seq, state READY and fd -1.
 * The caller sets the rest and puts it somewhere.  NULL: out of memory. */
struct loop_handle *loop_handle_new(struct loop *loop, enum loop_handle_kind kind,
                                    loop_callback_fn *fn, void *arg);

/* The loop is done with h: keep it as a spare (state SPARE), or free it. */
void loop_handle_release(struct loop *loop, struct loop_handle *h);

/* 1 if h is a reader or a writer. */
bool loop_handle_is_io(const struct loop_handle *h);

/* Drop every handle the loop holds without calling any (loop_close,
 * loop_destroy): the ready queue, the heap and the descriptor table end
 * up empty.  A registered reader/writer that is also queued is released
 * once, through the descriptor table. */
void loop_drop_everything(struct loop *loop);

#endif
