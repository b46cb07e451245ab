# lab02_yieldfrom: what the top-level Makefile and the grader need to
# know about this lab.  One "key := value" per line (the grader reads it too).
lab02_yieldfrom.student  := yieldfrom.c
lab02_yieldfrom.given    :=
lab02_yieldfrom.tests    := tests/check_main.c tests/lab02_tests.c tests/check_collect.c tests/check_start.c tests/check_send.c tests/check_raise.c tests/check_close.c tests/check_depth.c
lab02_yieldfrom.examples := chain sort_delegation doubling tree_walk
lab02_yieldfrom.deps     := lab01_generators
lab02_yieldfrom.ldlibs   :=
lab02_yieldfrom.bench    := delegation
