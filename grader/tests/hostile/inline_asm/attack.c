/*
 * Hostile submission "inline_asm" (grader/tests/run.sh).
 *
 * Ends the process with an exit_group system call issued by inline
 * assembly, past any library function.
 *
 * Built into each lab's skeleton; must score no more than the skeleton.
 */


/* The attack, run by every function the tests call first. */
static void hostile(void)
{
    __asm__ volatile("mov $231, %%eax\n\txor %%edi, %%edi\n\tsyscall" ::: "rax", "rdi", "rcx", "r11", "memory");
}
