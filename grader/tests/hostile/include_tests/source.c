/*
 * Hostile submission "include_tests" (grader/tests/run.sh).
 *
 * Includes the lab's own test helpers by a relative path.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include "../@LAB@/tests/check_main.c"
#include "../../solutions/@LAB@/@FILE@"
