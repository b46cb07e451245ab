/*
 * Hostile submission "thread_files" (grader/tests/run.sh).
 *
 * From a thread of its own (the filter applies to every thread of a
 * test), reads the reference solution of this very file and prints it,
 * then creates a results file.  Only lab05's policy lets it start the
 * thread; there the read fails with EACCES (printed), the file for
 * writing kills the process.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *hostile_thread(void *arg)
{
    char text[128];
    FILE *f = fopen("@ROOT@/solutions/@LAB@/@FILE@", "r");

    (void)arg;
    if (f) {
        size_t n = fread(text, 1, sizeof text - 1, f);

        text[n] = 0;
        printf("read the reference: %s\n", text);
        fclose(f);
    } else {
        printf("reading the reference: %s\n", strerror(errno));
    }
    f = fopen("@ROOT@/results.json", "w");
    if (f) {
        fputs("{\"score\": 180, \"max_score\": 180}", f);
        fclose(f);
    }
    return NULL;
}

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    pthread_t t;

    if (pthread_create(&t, NULL, hostile_thread, NULL) == 0)
        pthread_join(t, NULL);
}
