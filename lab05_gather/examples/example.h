/* example.h - what lab05's examples share: say(), stamped with the
 * running loop's clock as the twins' virtual_clock.say() stamps it. */
#ifndef LAB05_EXAMPLE_H
#define LAB05_EXAMPLE_H

#include <stdarg.h>
#include <stdio.h>

#include "gather.h"

/* print("t=%.1f  " + text), on the clock of the loop whose task runs */
static inline void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void say(const char *fmt, ...)
{
    va_list ap;

    printf("t=%.1f  ", loop_time(task_running_loop()));
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

#endif
