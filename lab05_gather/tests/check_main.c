/* The lab05 test program: every suite of the lab, run by co_check_main. */
#include "co_check.h"
#include "lab05_tests.h"

int main(int argc, char **argv)
{
    static co_suite_maker *const makers[] = {
        make_gather_suite,
        make_wait_suite,
        make_compose_suite,
        make_queue_suite,
        make_lock_suite,
        make_threadsafe_suite,
        make_executor_suite,
        NULL,
    };
    return co_check_main(argc, argv, makers);
}
