# lab01_generators: what the top-level Makefile and the grader need to
# know about this lab.  One "key := value" per line (the grader reads it too).
lab01_generators.student  := gen.c
lab01_generators.given    := gen_given.c
lab01_generators.tests    := tests/check_main.c tests/check_fibo_sm.c tests/check_protocol.c tests/check_throw_close.c tests/check_macros.c
lab01_generators.examples := fibo lifecycle priming collector my_coro
lab01_generators.deps     :=
lab01_generators.ldlibs   :=
lab01_generators.bench    := resume
