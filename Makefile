# coro-labs: build, test, grade, hand out.
#
#   make           $(BIN)/grader, $(BIN)/labs, every lab's test programs and examples
#   make test      the whole test suite (see README.md for what it proves)
#   make grade     grade the lab files in this tree, every lab
#   make bench     speed of the reference solutions against CPython and uvloop
#   make mutate    how strong the tests are: LAB=... (default every lab), JOBS=N, SAMPLE=N,
#                  BUDGET=S (seconds for one mutant: past it, its tests hang)
#   make install   PREFIX=/usr/local DESTDIR=
#
#   make V=1 ...   show every command (quiet by default)
#
# Each lab folder has a manifest, lab.mk (common/co_lab.h: its student and
# given files, tests, examples, benches, earlier labs, libraries, sandbox
# policy and steps).  Make never reads it: labinfo does, into
# $(BUILD)/labs.mk.  Everything below is generic.

SHELL   := /bin/bash
CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
BIN     ?= bin
export BUILD BIN

# Quiet by default: `make V=1` shows every command.
V ?= 0
Q := $(if $(filter 1,$(V)),,@)
MAKEFLAGS += $(if $(filter 1,$(V)),,--no-print-directory)

# Warnings: -Werror for the project's own code (common, grader, shell,
# reference solutions, tests); a student's files (the lab folders) are
# compiled with the same warnings but without -Werror, as the grader
# compiles them: a warning is shown, it never costs a point.
WARN_BASE := -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      := $(WARN_BASE) -Werror

# Labs take part as soon as they have a lab.mk.  Its format is read by
# common/co_lab.c only: labinfo (built from it first) writes every lab
# fact Make needs into $(BUILD)/labs.mk, remade when a lab.mk changes.
LAB_MANIFESTS := $(sort $(wildcard lab0*/lab.mk))
LABINFO := $(BUILD)/labinfo
$(LABINFO): common/co_lab.c common/co_lab.h common/co_err.h common/labinfo/labinfo.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) -O1 -Icommon -o $@ common/co_lab.c common/labinfo/labinfo.c
$(BUILD)/labs.mk: $(LABINFO) $(LAB_MANIFESTS)
	$(Q)$(LABINFO) --check
	$(Q)$(LABINFO) --make > $@.$$$$ && mv -f $@.$$$$ $@
ifeq ($(filter clean,$(MAKECMDGOALS)),)
include $(BUILD)/labs.mk
endif

CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

CPPFLAGS := -Icommon $(addprefix -I,$(LABS)) $(CHECK_CFLAGS)
OPT_sol  := -O2 -g
OPT_iso  := -O1 -g
OPT_tree := -O2 -g
OPT_asan := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
            -DCO_ASSERT_INVARIANTS
LDOPT_asan := -fsanitize=address,undefined

# libco.a: what every lab program links.  The manifest reader is tooling
# (the grader, the shell, labinfo link it), never callable by a submission.
COMMON_SRC := $(filter-out common/co_lab.c,$(wildcard common/*.c))
CO_LAB_OBJ := $(BUILD)/sol/common/co_lab.o

# Variants, by where they take a lab's student files from:
#   sol   the reference solutions (what `make test` proves correct)
#   asan  the same, under AddressSanitizer + UBSan
#   iso   the lab folder's file for the lab under test, the reference for
#         every earlier lab: graded isolation (the shell's play, trace and
#         bench by default; `labs check` asks the grader itself)
#   tree  the lab folders' files for every lab (a student's own chain)
srcdir_sol  = solutions/$(1)
srcdir_asan = solutions/$(1)
srcdir_iso  = $(1)
srcdir_tree = $(1)
VARIANTS := sol asan iso tree
# which variant's objects a variant links for earlier labs and tests
deps_variant = $(if $(filter iso,$(1)),sol,$(1))

.PHONY: all build test grade bench clean install handout gradescope \
        mutate test-solutions test-asan test-valgrind test-skeletons test-examples test-grader
.DEFAULT_GOAL := all

# ---- objects, per variant ---------------------------------------------
# $(BUILD)/<variant>/<path>.o from <path>.c, and the common library
define variant_rules
$(BUILD)/$(1)/%.o: %.c
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$(WARN) $$(OPT_$(1)) $$(CPPFLAGS) -MMD -MP -c $$< -o $$@
$(BUILD)/$(1)/libco.a: $(addprefix $(BUILD)/$(1)/,$(COMMON_SRC:.c=.o))
	@rm -f $$@
	$$(Q)ar rcs $$@ $$^
endef
$(foreach v,$(VARIANTS),$(eval $(call variant_rules,$(v))))

lib_of = $(BUILD)/$(call deps_variant,$(1))/libco.a
# objects of a lab's student files, as variant $(2) builds them ($(1) = lab)
own_objs = $(addprefix $(BUILD)/$(2)/$(call srcdir_$(2),$(1))/,$($(1).student:.c=.o))
# its given files (LAB/NAME.c, the same in every build: project code)
given_objs = $(addprefix $(BUILD)/$(call deps_variant,$(2))/$(1)/,$($(1).given:.c=.o))
student_objs = $(call own_objs,$(1),$(2)) $(call given_objs,$(1),$(2))
# objects of the lab's earlier labs, and of its tests
dep_objs = $(foreach d,$($(1).deps),$(call student_objs,$(d),$(call deps_variant,$(2))))
test_objs = $(addprefix $(BUILD)/$(call deps_variant,$(2))/$(1)/,$($(1).tests:.c=.o))

# ---- test programs ---------------------------------------------------
# $(BUILD)/<variant>/<lab>/check_<lab>
define lab_rules
$(BUILD)/$(2)/$(1)/check_$(1): $(call test_objs,$(1),$(2)) $(call student_objs,$(1),$(2)) $(call dep_objs,$(1),$(2)) $(call lib_of,$(2))
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$(LDOPT_$(2)) -o $$@ $$^ $$(CHECK_LIBS) $$($(1).ldlibs)
TEST_PROGS_$(2) += $(BUILD)/$(2)/$(1)/check_$(1)
endef
$(foreach v,$(VARIANTS),$(foreach l,$(LABS),$(eval $(call lab_rules,$(l),$(v)))))

# A student's own files (the lab folders) compile without -Werror.
STUDENT_OWN_OBJS := $(foreach v,iso tree,$(foreach l,$(LABS),$(call own_objs,$(l),$(v))))
$(STUDENT_OWN_OBJS): WARN := $(WARN_BASE)

# ---- examples (reference solutions) -----------------------------------
define example_rules
$(BUILD)/sol/$(1)/examples/$(2): $(BUILD)/sol/$(1)/examples/$(2).o $(call student_objs,$(1),sol) $(call dep_objs,$(1),sol) $(call lib_of,sol)
	$$(Q)$$(CC) -o $$@ $$^ $$($(1).ldlibs)
EXAMPLES += $(BUILD)/sol/$(1)/examples/$(2)
endef
$(foreach l,$(LABS),$(foreach e,$($(l).examples),$(eval $(call example_rules,$(l),$(e)))))

# ---- benchmarks: the reference (sol), the student's lab with the reference
# earlier labs (iso: graded isolation) and the student's own chain (tree) ---
# $(BUILD)/<variant>/<lab>/bench/NAME from <lab>/bench/NAME.c, optimised
define bench_rules
$(BUILD)/$(3)/$(1)/bench/$(2): $(BUILD)/sol/$(1)/bench/$(2).o $(call student_objs,$(1),$(3)) $(call dep_objs,$(1),$(3)) $(call lib_of,sol)
	@mkdir -p $$(@D)
	$$(Q)$$(CC) -o $$@ $$^ $$($(1).ldlibs)
BENCHES_$(3) += $(BUILD)/$(3)/$(1)/bench/$(2)
endef
$(foreach v,sol iso tree,$(foreach l,$(LABS),$(foreach b,$($(l).bench),$(eval $(call bench_rules,$(l),$(b),$(v))))))

# ---- programs ----------------------------------------------------------
# $(BIN)/grader and $(BIN)/labs have their rules beside their sources; each
# adds itself to PROGRAMS (and may add targets such as gradescope).
PROGRAMS := $(BIN)/labinfo
$(BIN)/labinfo: $(LABINFO)
	@mkdir -p $(@D)
	$(Q)cp $< $@
include grader/grader.mk
-include labs/labs.mk

# The grader links each submission against the reference objects of the
# earlier labs and the prebuilt test objects: build them all.
REF_OBJS := $(foreach l,$(LABS),$(call student_objs,$(l),sol) $(call test_objs,$(l),sol))

# Every entry point first makes sure the Debian packages are there
# (deps.sh installs them when run as root for test/grade, otherwise says
# the exact apt-get command), then re-runs make so that pkg-config's
# answers are read after any install.
all:
	@bash grader/scripts/deps.sh --check
	@$(MAKE) --no-print-directory build

build: $(PROGRAMS) $(TEST_PROGS_sol) $(TEST_PROGS_asan) $(EXAMPLES) $(REF_OBJS) $(BENCHES_sol)

# ---- the test suite ----------------------------------------------------
test:
	@bash grader/scripts/deps.sh --install
	@$(MAKE) --no-print-directory build
	@bash grader/scripts/test.sh $(LABS)

grade:
	@bash grader/scripts/deps.sh --install
	@$(MAKE) --no-print-directory grader-ready
	@bash grader/scripts/grade-tree.sh $(LABS)

# (uvloop and gnuplot are installed if they can be; without them the
# table says uvloop is absent); then the scaling plot, docs/bench-scaling.svg
bench:
	@bash grader/scripts/deps.sh --bench || bash grader/scripts/deps.sh --check
	@$(MAKE) --no-print-directory build
	@bash grader/scripts/bench.sh $(LABS)
	@bash grader/scripts/bench-plot.sh

mutate:
	@$(MAKE) --no-print-directory build
	@for lab in $(or $(LAB),$(LABS)); do /usr/bin/python3 grader/scripts/mutate.py --lab $${lab%/} $(if $(JOBS),-j $(JOBS)) $(if $(SAMPLE),--sample $(SAMPLE)) $(if $(BUDGET),--budget $(BUDGET)) || exit $$?; done

clean:
	rm -rf $(BUILD) $(BIN) dist

install: all
	@PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) GRADER_GROUP=$(GRADER_GROUP) bash grader/scripts/install.sh

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
