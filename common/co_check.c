#include "co_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int co_check_main(int argc, char **argv, co_suite_maker *const makers[])
{
    const char *tap = NULL;
    enum print_output mode = CK_NORMAL;
    SRunner *sr = NULL;
    int failed;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tap") == 0 && i + 1 < argc) {
            tap = argv[++i];
        } else if (strcmp(argv[i], "--quiet") == 0) {
            mode = CK_SILENT;
        } else {
            fprintf(stderr, "usage: %s [--tap FILE] [--quiet]\n", argv[0]);
            return 2;
        }
    }
    for (int i = 0; makers[i]; i++) {
        if (!sr)
            sr = srunner_create(makers[i]());
        else
            srunner_add_suite(sr, makers[i]());
    }
    if (!sr)
        return 0;
    if (tap)
        srunner_set_tap(sr, tap);
    srunner_run_all(sr, mode);
    failed = srunner_ntests_failed(sr);
    if (mode == CK_SILENT && failed) {
        /* Even when quiet, a failure must say what went wrong. */
        TestResult **res = srunner_failures(sr);
        for (int i = 0; i < failed; i++)
            printf("%s:%d: %s: %s\n", tr_lfile(res[i]), tr_lno(res[i]),
                   tr_tcname(res[i]), tr_msg(res[i]));
        free(res);
    }
    srunner_free(sr);
    return failed ? 1 : 0;
}
