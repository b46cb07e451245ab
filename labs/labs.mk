# $(BIN)/labs: the student shell (labs/README.md), and the programs it
# builds on demand.  Included by the top-level Makefile, which defines
# BUILD, BIN, WARN, CPPFLAGS, OPT_<variant>, LABS, lib_of, student_objs
# and dep_objs.
#
# The shell links no lab code: everything that runs a student's file is
# a separate program, built here per variant v (iso = the student's files
# for the lab, the reference for the earlier labs: the default; tree = the
# student's files for every lab: --mine; sol = the reference) only when
# the shell asks for it:
#   $(BUILD)/v/labs/play_LAB        the playground engine of LAB, when
#                                   labs/play/play_LAB.c exists
#   $(BUILD)/v/labs/trace/LAB/NAME  example NAME with the trace hook
#   $(BUILD)/labs/pty_drive         the pseudo-terminal driver of the tests

comma := ,

# lab05 on (a lab with gather.h, or after one): gathers, waits, queues,
# semaphores and locks are seen by the playground and the timeline
# through wrappers of the calls that make and free them
# (labs/trace/trace_gather.h).
TG_WRAP := gather_new gather_free wait_new wait_for_new queue_init queue_destroy \
           sem_init sem_destroy lock_init lock_destroy waiters_wake_next
tg_has = $(wildcard $(addsuffix /gather.h,$(1) $($(1).deps)))
tg_objs = $(if $(call tg_has,$(1)),$(BUILD)/$(2)/labs/trace/trace_gather.o)
tg_ldflags = $(if $(call tg_has,$(1)),$(foreach w,$(TG_WRAP),-Wl$(comma)--wrap=$(w)))

READLINE_CFLAGS := $(filter-out -D%,$(shell pkg-config --cflags readline 2>/dev/null))
READLINE_LIBS   := $(or $(shell pkg-config --libs readline 2>/dev/null),-lreadline)

LABS_SH_SRC := $(wildcard labs/sh_*.c)
$(BUILD)/sol/labs/sh_%.o: CPPFLAGS += $(READLINE_CFLAGS)

$(BIN)/labs: $(addprefix $(BUILD)/sol/,$(LABS_SH_SRC:.c=.o)) $(CO_LAB_OBJ) $(call lib_of,sol)
	@mkdir -p $(BIN)
	$(Q)$(CC) -o $@ $^ $(READLINE_LIBS)
PROGRAMS += $(BIN)/labs

# ---- playgrounds ------------------------------------------------------
# labs/play/play_core.c and friends are shared by every engine; each lab
# brings labs/play/play_LAB.c (its catalogue or scenarios).
PLAY_CORE := $(filter-out labs/play/play_lab%,$(wildcard labs/play/*.c))
PLAY_LABS := $(filter $(LABS),$(patsubst labs/play/play_%.c,%,$(wildcard labs/play/play_lab*.c)))

define labs_play_variant
$(BUILD)/$(1)/labs/libplay.a: $(addprefix $(BUILD)/$(1)/,$(PLAY_CORE:.c=.o))
	@rm -f $$@
	$(Q)ar rcs $$@ $$^
endef
$(foreach v,sol iso tree,$(eval $(call labs_play_variant,$(v))))

# An example whose NAME.c has an EXAMPLE_SCENARIO (LAB/examples/scenario.h)
# is linked into its lab's engine, compiled without its main
# (-DPLAY_SCENARIO): `load NAME` runs the example's own setup.  The engine
# then sees the example's tasks through a wrapper of loop_spawn.
$(foreach v,sol iso tree,$(eval $(BUILD)/$(v)/labs/scenario/%.o: %.c ; \
	@mkdir -p $$(@D) && $$(CC) $$(WARN) $$(OPT_$(v)) $$(CPPFLAGS) -DPLAY_SCENARIO -MMD -MP -c $$< -o $$@))
play_scenarios = $(patsubst %.c,%,$(notdir $(shell grep -lE '^EXAMPLE_(SCENARIO|MAIN)[[:punct:]]' $(foreach e,$($(1).examples),$(1)/examples/$(e).c) 2>/dev/null)))
play_scenario_objs = $(foreach e,$(call play_scenarios,$(1)),$(BUILD)/$(2)/labs/scenario/$(1)/examples/$(e).o)

# An engine of a lab with tasks sees each task_free (play_task.c), so that
# a freed task leaves its list.
play_task_ldflags = $(if $(wildcard $(addsuffix /task.h,$(1) $($(1).deps))),-Wl$$(comma)--wrap=task_free)

define labs_play_rules
$(BUILD)/$(2)/labs/play_$(1): $(BUILD)/$(2)/labs/play/play_$(1).o $(call play_scenario_objs,$(1),$(2)) $(call tg_objs,$(1),$(2)) $(call student_objs,$(1),$(2)) $(call dep_objs,$(1),$(2)) $(BUILD)/$(2)/labs/libplay.a $(call lib_of,$(2))
	$$(Q)$$(CC) -o $$@ $$(filter-out %.a,$$^) $(BUILD)/$(2)/labs/libplay.a $(call lib_of,$(2)) $$($(1).ldlibs) $(if $(call play_scenarios,$(1)),-Wl$$(comma)--wrap=loop_spawn) $(call tg_ldflags,$(1)) $(call play_task_ldflags,$(1))
endef
$(foreach v,sol iso tree,$(foreach l,$(PLAY_LABS),$(eval $(call labs_play_rules,$(l),$(v)))))

# ---- traced examples ----------------------------------------------------
# The example's own object, the hook that writes events to stdout
# (labs/trace/trace.h), and wrappers that report what the schedule goes
# through: the linker's --wrap sends calls made from the example and from
# other files to the wrapper; calls inside the wrapped file itself are
# not redirected, so nothing is reported twice.  The loop's wrappers are
# in an archive: linked only into examples that use a loop.
TRACE_WRAP    := gen_send gen_next gen_throw gen_close \
                 loop_init loop_run_once loop_run_forever loop_call_soon \
                 loop_call_later loop_call_at loop_spawn
TRACE_LDFLAGS := $(foreach w,$(TRACE_WRAP),-Wl$(comma)--wrap=$(w))
# (every lab folder: a handout's LABS leaves out the earlier labs it gives
# compiled, whose loop.h its examples still use)
TRACE_LIB_SRC := $(if $(wildcard $(LAB_MANIFESTS:/lab.mk=/loop.h)),labs/trace/trace_loop.c)
# A lab with tasks (its own task.h, or an earlier lab's) links trace_task.o
# too: its hooks are weak references, which an archive would not satisfy.
trace_task_obj = $(if $(wildcard $(addsuffix /task.h,$(1) $($(1).deps))),$(BUILD)/$(2)/labs/trace/trace_task.o)

define labs_trace_variant
$(BUILD)/$(1)/labs/trace/libtrace.a: $(addprefix $(BUILD)/$(1)/,$(TRACE_LIB_SRC:.c=.o))
	@mkdir -p $$(@D)
	@rm -f $$@
	$(Q)ar rcs $$@ $$^
endef
$(foreach v,sol iso tree,$(eval $(call labs_trace_variant,$(v))))

define labs_trace_rules
$(BUILD)/$(3)/labs/trace/$(1)/$(2): $(BUILD)/$(3)/$(1)/examples/$(2).o $(BUILD)/$(3)/labs/trace/trace_hook.o $(BUILD)/$(3)/labs/trace/trace_gen.o $(call trace_task_obj,$(1),$(3)) $(call tg_objs,$(1),$(3)) $(if $(call tg_has,$(1)),$(BUILD)/$(3)/labs/trace/trace_waiters.o) $(call student_objs,$(1),$(3)) $(call dep_objs,$(1),$(3)) $(BUILD)/$(3)/labs/trace/libtrace.a $(call lib_of,$(3))
	@mkdir -p $$(@D)
	$$(Q)$$(CC) -o $$@ $$^ $(TRACE_LDFLAGS) $(call tg_ldflags,$(1)) $$($(1).ldlibs)
endef
$(foreach v,sol iso tree,$(foreach l,$(LABS),$(foreach e,$($(l).examples),$(eval $(call labs_trace_rules,$(l),$(e),$(v))))))

# ---- the tests' pseudo-terminal driver ---------------------------------
$(BUILD)/labs/pty_drive: labs/tests/pty_drive.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) -O1 -g -o $@ $< -lutil
PROGRAMS += $(BUILD)/labs/pty_drive
