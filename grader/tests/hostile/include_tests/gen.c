/*
 * Hostile submission "include_tests" for lab01 (grader/tests/run.sh).
 *
 * Includes the lab's own test helpers by a relative path.
 *
 * Built from the lab's skeleton; must score no more than the skeleton.
 */
#include "../lab01_generators/tests/lab01_tests.c"
#include "../../solutions/lab01_generators/gen.c"
