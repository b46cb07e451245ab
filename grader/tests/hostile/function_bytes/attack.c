/*
 * Hostile submission "function_bytes" (grader/tests/run.sh).
 *
 * Reads the machine code of one of its own functions as data (the way to
 * find instructions to jump to).
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */
static volatile unsigned char hostile_byte;

/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    const unsigned char *code = (const unsigned char *)hostile;

    hostile_byte = code[0];
}
