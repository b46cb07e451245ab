/*
 * Hostile submission "include_solution" (grader/tests/run.sh).
 *
 * Includes the reference solution by a relative path.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include "../solutions/@LAB@/@FILE@"
