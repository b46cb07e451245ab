/*
 * Hostile submission "destructor_after" (grader/tests/run.sh).
 *
 * A destructor: code that runs after main, when Check's runner exits,
 * which could rewrite what the runner has written.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdio.h>

__attribute__((destructor)) static void hostile_after(void)
{
    puts("ok 1 - every test passed");
}
