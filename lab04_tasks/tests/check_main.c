/* The lab04 test program: every suite of the lab, run by co_check_main. */
#include "co_check.h"
#include "lab04_tests.h"

int main(int argc, char **argv)
{
    static co_suite_maker *const makers[] = {
        make_future_suite,
        make_callbacks_suite,
        make_task_suite,
        make_cancel_suite,
        make_sleep_suite,
        make_run_suite,
        make_details_suite,
        NULL,
    };
    return co_check_main(argc, argv, makers);
}
