/*
 * Hostile submission "results_file" (grader/tests/run.sh).
 *
 * Writes fake result files where a grader might look for them.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <stdio.h>


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    FILE *f = fopen("results.xml", "w");
    if (f) {
        fputs("<test result=\"success\"><id>x</id><duration>0.1</duration></test>", f);
        fclose(f);
    }
    f = fopen("/tmp/results.json", "w");
    if (f) {
        fputs("{\"score\": 131, \"max_score\": 131}", f);
        fclose(f);
    }
}
