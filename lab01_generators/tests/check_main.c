/* The lab01 test program: every suite of the lab, run by co_check_main. */
#include "co_check.h"
#include "lab01_tests.h"

int main(int argc, char **argv)
{
    static co_suite_maker *const makers[] = {
        make_fibo_sm_suite,
        make_protocol_suite,
        make_throw_close_suite,
        make_macros_suite,
        NULL,
    };
    return co_check_main(argc, argv, makers);
}
