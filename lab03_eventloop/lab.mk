# lab03_eventloop: what the top-level Makefile and the grader need to
# know about this lab.  One "key := value" per line (the grader reads it too).
lab03_eventloop.student  := loop.c
lab03_eventloop.given    := loop_given.c
lab03_eventloop.tests    := tests/check_main.c tests/lab03_tests.c tests/check_round_robin.c tests/check_ready.c tests/check_timers.c tests/check_run.c tests/check_io.c tests/check_spawn.c
lab03_eventloop.examples := round_robin io_switch call_soon call_later call_at run_forever run_forever_callback socket_wait
lab03_eventloop.deps     := lab01_generators
lab03_eventloop.ldlibs   :=
lab03_eventloop.bench    := loop
