# lab04_tasks: what the top-level Makefile and the grader need to
# know about this lab.  One "key := value" per line (the grader reads it too).
lab04_tasks.student  := future.c task.c
lab04_tasks.given    := task_given.c
lab04_tasks.tests    := tests/check_main.c tests/lab04_tests.c tests/check_future.c tests/check_callbacks.c tests/check_task.c tests/check_cancel.c tests/check_sleep.c tests/check_run.c
lab04_tasks.examples := hello1 say_after task_state async_cancel nested run_until_complete four
lab04_tasks.deps     := lab03_eventloop lab02_yieldfrom lab01_generators
lab04_tasks.ldlibs   := -lm
lab04_tasks.bench    := tasks
