# $(BIN)/grader: the autograder (see grader/README.md).  Included by the
# top-level Makefile, which defines BUILD, BIN, CC, WARN, CPPFLAGS, LABS,
# CHECK_CFLAGS, CHECK_LIBS and the helpers student_objs, test_objs, lib_of.
#
# The grader compiles submissions with the flags `make` compiles a student's
# files with (WARN_BASE: warnings shown, never -Werror) and links them with
# Check: both are baked in here so that grading sees what `make` sees.

SECCOMP_CFLAGS := $(shell pkg-config --cflags libseccomp 2>/dev/null)
SECCOMP_LIBS   := $(shell pkg-config --libs libseccomp 2>/dev/null || echo -lseccomp)

GRADER_SRC := $(wildcard grader/*.c)
GRADER_OBJ := $(addprefix $(BUILD)/sol/,$(GRADER_SRC:.c=.o))
GRADER_DEFS := -DGRADE_CC='"$(CC)"' -DGRADE_SRCROOT='"$(CURDIR)"' \
    -DGRADE_WARN='"$(WARN_BASE)"' \
    -DGRADE_CHECK_CFLAGS='"$(CHECK_CFLAGS)"' \
    -DGRADE_CHECK_LIBS='"$(CHECK_LIBS)"'

# The grader's objects know the flags: rebuild them when the flags change.
$(GRADER_OBJ): CPPFLAGS += $(GRADER_DEFS) $(SECCOMP_CFLAGS)
$(GRADER_OBJ): grader/grader.mk

# Linked into every graded test program (never into the grader).
GRADER_GUARD := $(BUILD)/sol/grader/runtime/oom_guard.o

$(BIN)/grader: $(GRADER_OBJ) $(CO_LAB_OBJ) $(GRADER_GUARD)
	@mkdir -p $(BIN)
	$(Q)$(CC) -o $@ $(GRADER_OBJ) $(CO_LAB_OBJ) $(SECCOMP_LIBS)
PROGRAMS += $(BIN)/grader

# What the grader needs prebuilt for every lab: its test objects, the
# reference objects of its earlier labs (graded isolation), the common
# library.  Never a lab's own reference: a bundle or a handout can do
# without it.
GRADER_REFS = $(foreach l,$(LABS),$(call test_objs,$(l),sol) $(call dep_objs,$(l),iso) $(call given_objs,$(l),sol)) \
              $(call lib_of,sol) $(GRADER_GUARD)

.PHONY: grader-ready gradescope handout
grader-ready: $(BIN)/grader $(GRADER_REFS)

# ---- make gradescope: dist/gradescope-<lab>.zip per lab -------------------
gradescope: grader-ready
	@bash grader/scripts/gradescope.sh $(LABS)

# ---- make handout: dist/handout/ -------------------------------------------
handout: grader-ready
	@bash grader/scripts/handout.sh $(if $(HANDOUT_LABS),$(HANDOUT_LABS),$(LABS))

# ---- in a handout (no solutions/, prebuilt reference objects instead) ------
# The earlier labs' reference objects come from prebuilt/; what needs the
# reference of every lab (sol and asan test programs, examples, benches)
# is not built.  See grader/scripts/handout.sh.  (These lines must come
# after the Makefile defines those lists and before its `build:` rule.)
ifeq ($(wildcard solutions),)
ifneq ($(wildcard prebuilt),)
$(BUILD)/sol/solutions/%.o: prebuilt/solutions/%.o
	@mkdir -p $(@D)
	$(Q)cp $< $@
TEST_PROGS_sol :=
TEST_PROGS_asan :=
EXAMPLES :=
BENCHES_sol :=
override REF_OBJS = $(foreach l,$(LABS),$(call test_objs,$(l),sol)) \
    $(patsubst prebuilt/%,$(BUILD)/sol/%,$(wildcard prebuilt/solutions/*/*.o))
endif
endif
