# $(BIN)/grader: the autograder (see grader/README.md).  Included by the
# top-level Makefile, which defines BUILD, WARN, CPPFLAGS and lib_of.
GRADER_SRC := $(wildcard grader/*.c)
$(BIN)/grader: $(addprefix $(BUILD)/sol/,$(GRADER_SRC:.c=.o)) $(call lib_of,sol)
	@mkdir -p $(BIN)
	$(CC) -o $@ $^
PROGRAMS += $(BIN)/grader
