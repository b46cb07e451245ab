# tree_walk: recursion by delegation.  walk(node) delegates to walk of
# each subtree, so a value found `depth` levels down comes up through
# `depth` yield froms, and each level's return value (the number of nodes
# below it) adds up on the way back.
import inspect


class Node:
    def __init__(self, value, left=None, right=None):
        self.value, self.left, self.right = value, left, right


def walk(node, depth=0):
    if node is None:
        return 0
    left = yield from walk(node.left, depth + 1)
    yield node.value, depth
    right = yield from walk(node.right, depth + 1)
    return left + 1 + right


#          8
#        /   \
#       3     10
#      / \      \
#     1   6      14
#        / \    /
#       4   7  13
tree = Node(8, Node(3, Node(1), Node(6, Node(4), Node(7))),
            Node(10, None, Node(14, Node(13))))

print("in order, indented by depth:")
w = walk(tree)
while True:
    try:
        value, depth = next(w)
    except StopIteration as e:
        count = e.value
        break
    print("  " * depth + str(value))
print("walk returned", count, "(nodes, added up level by level)")

# Stopping early: close() closes every level that is still delegating.
w = walk(tree)
for value, depth in w:
    if value > 5:
        break
print("first value above 5:", value, "found", depth, "levels down")
w.close()
print("then close():", inspect.getgeneratorstate(w))
