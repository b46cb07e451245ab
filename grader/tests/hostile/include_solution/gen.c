/*
 * Hostile submission "include_solution" for lab01 (grader/tests/run.sh).
 *
 * Includes the reference solution by a relative path.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */
#include "../solutions/lab01_generators/gen.c"
