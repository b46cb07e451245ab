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

.PHONY: grader-ready gradescope handout classroom50 autolab
grader-ready: $(BIN)/grader $(GRADER_REFS)

# ---- make gradescope: dist/gradescope-<lab>.zip per lab -------------------
gradescope: grader-ready
	@bash grader/scripts/gradescope.sh $(LABS)

# ---- make classroom50, make autolab: per lab, a platform's bundle ---------
# (grader/platforms/; each is checked by running it as its platform does)
classroom50: grader-ready
	@bash grader/platforms/classroom50.sh $(if $(BUNDLE_LABS),$(BUNDLE_LABS),$(LABS))
autolab: grader-ready
	@bash grader/platforms/autolab.sh $(if $(BUNDLE_LABS),$(BUNDLE_LABS),$(LABS))

# ---- make handout: dist/handout/ -------------------------------------------
handout: grader-ready
	@bash grader/scripts/handout.sh $(if $(HANDOUT_LABS),$(HANDOUT_LABS),$(LABS))

# ---- in a handout (no solutions/; see grader/scripts/handout.sh) ----------
# A handout holds the reference objects of the labs before the first one
# it hands out, prebuilt and stripped, in prebuilt/solutions/LAB/; the
# variant "sol" takes those, and for a handed-out lab the student's own
# file (the variant "tree" too takes the prebuilt ones), so that every program the READMEs name (sol and tree test
# programs, examples, benches) exists and runs the student's code where
# no reference may be shipped.  The prebuilt labs are left out of the
# lists `make grade`, `make test` and `make bench` go through (recipes
# read LABS when they run), and their own test programs are not built.
# (These lines must come after the Makefile defines those lists and
# before its `build:` rule.)
ifeq ($(wildcard solutions),)
ifneq ($(wildcard prebuilt),)
HANDOUT_PREBUILT := $(patsubst prebuilt/solutions/%/,%,$(wildcard prebuilt/solutions/*/))
$(BUILD)/sol/solutions/%.o: prebuilt/solutions/%.o
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/sol/solutions/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(OPT_sol) $(CPPFLAGS) -MMD -MP -c $< -o $@
# the student's own chain (tree) also takes a prebuilt lab's reference:
# its folder holds only the skeleton
define handout_tree_rule
$(BUILD)/tree/$(1)/%.o: prebuilt/solutions/$(1)/%.o
	@mkdir -p $$(@D)
	cp $$< $$@
endef
$(foreach l,$(HANDOUT_PREBUILT),$(eval $(call handout_tree_rule,$(l))))
not_prebuilt = $(filter-out $(foreach l,$(HANDOUT_PREBUILT),$(BUILD)/%/$(l)/check_$(l)),$(1))
TEST_PROGS_sol := $(call not_prebuilt,$(TEST_PROGS_sol))
TEST_PROGS_iso := $(call not_prebuilt,$(TEST_PROGS_iso))
TEST_PROGS_asan :=
build: $(call not_prebuilt,$(TEST_PROGS_tree)) $(TEST_PROGS_iso)
LABS := $(filter-out $(HANDOUT_PREBUILT),$(LABS))
endif
endif
