/* The lab02 test program: every suite of the lab, run by co_check_main. */
#include "co_check.h"
#include "lab02_tests.h"

int main(int argc, char **argv)
{
    static co_suite_maker *const makers[] = {
        make_collect_suite,
        make_start_suite,
        make_send_suite,
        make_raise_suite,
        make_close_suite,
        make_depth_suite,
        NULL,
    };
    return co_check_main(argc, argv, makers);
}
