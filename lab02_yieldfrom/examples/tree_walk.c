/* tree_walk: recursion by delegation.  walk(node) delegates to walk of
 * each subtree, so a value found `depth` levels down comes up through
 * `depth` delegations, and each level's return value (the number of
 * nodes below it) adds up on the way back.  Python twin: tree_walk.py.
 *
 * Python yields the tuple (value, depth).  Here walk yields a pointer to
 * a struct visit in its own frame: valid until walk is resumed, which is
 * all the caller needs (it prints the visit before the next resume). */
#include <stdio.h>

#include "gen.h"
#include "yieldfrom.h"

struct node {
    int value;
    const struct node *left, *right;
};

struct visit {
    int value, depth;
};

struct walk_frame {
    const struct node *node;
    int depth;
    struct co_value left, right;   /* what each subtree's walk returned */
    struct visit here;             /* what this level yields */
};

static struct gen *walk(const struct node *node, int depth);

/*
 *     def walk(node, depth=0):
 *         if node is None:
 *             return 0
 *         left = yield from walk(node.left, depth + 1)
 *         yield node.value, depth
 *         right = yield from walk(node.right, depth + 1)
 *         return left + 1 + right
 */
static enum gen_step walk_body(struct gen *g, void *frame)
{
    struct walk_frame *f = frame;

    GEN_BEGIN(g);
    if (!f->node)
        GEN_RETURN(g, co_int(0));
    GEN_YIELD_FROM(g, walk(f->node->left, f->depth + 1), f->left);
    f->here = (struct visit){ f->node->value, f->depth };
    GEN_YIELD(g, co_ptr(&f->here));
    GEN_YIELD_FROM(g, walk(f->node->right, f->depth + 1), f->right);
    GEN_RETURN(g, co_int(f->left.as.i + 1 + f->right.as.i));
    GEN_END(g);
}

static struct gen *walk(const struct node *node, int depth)
{
    struct gen *g = gen_new("walk", walk_body, sizeof(struct walk_frame));

    if (g) {
        struct walk_frame *f = gen_frame(g);
        f->node = node;
        f->depth = depth;
    }
    return g;
}

/*          8
 *        /   \
 *       3     10
 *      / \      \
 *     1   6      14
 *        / \    /
 *       4   7  13        */
static const struct node n1 = { 1, NULL, NULL }, n4 = { 4, NULL, NULL },
    n7 = { 7, NULL, NULL }, n13 = { 13, NULL, NULL };
static const struct node n6 = { 6, &n4, &n7 }, n14 = { 14, &n13, NULL };
static const struct node n3 = { 3, &n1, &n6 }, n10 = { 10, NULL, &n14 };
static const struct node tree = { 8, &n3, &n10 };

int main(void)
{
    const struct visit *v = NULL;
    struct co_value out;
    struct co_exc exc;
    struct gen *w;

    puts("in order, indented by depth:");
    if (!(w = walk(&tree, 0)))
        return 1;
    while (gen_next(w, &out, &exc) == GEN_YIELDED) {
        v = out.as.p;
        printf("%*s%d\n", 2 * v->depth, "", v->value);
    }
    if (exc.kind == CO_STOP_ITERATION)
        printf("walk returned %lld (nodes, added up level by level)\n", exc.value.as.i);
    gen_free(w);

    /* Stopping early: close() closes every level that is still delegating. */
    if (!(w = walk(&tree, 0)))
        return 1;
    while (gen_next(w, &out, &exc) == GEN_YIELDED) {
        v = out.as.p;
        if (v->value > 5)
            break;
    }
    if (v)
        printf("first value above 5: %d found %d levels down\n", v->value, v->depth);
    gen_close(w, NULL);
    printf("then close(): %s\n", gen_state_name(gen_state(w)));
    gen_free(w);
    return 0;
}
