/* The lab03 test program: every suite of the lab, run by co_check_main. */
#include "co_check.h"
#include "lab03_tests.h"

int main(int argc, char **argv)
{
    static co_suite_maker *const makers[] = {
        make_round_robin_suite,
        make_ready_suite,
        make_timers_suite,
        make_run_suite,
        make_io_suite,
        make_spawn_suite,
        make_details_suite,
        NULL,
    };
    return co_check_main(argc, argv, makers);
}
