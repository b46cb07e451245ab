# lab02_yieldfrom: the lab manifest, read by common/co_lab.c only (format: common/co_lab.h).
# Points per test are the "test NAME POINTS" lines (decimals allowed); an
# instructor may change them freely.
lab       lab02_yieldfrom
title     delegation (`yield from`)
student   yieldfrom.c
deps      lab01_generators
tests     tests/check_main.c tests/lab02_tests.c tests/check_collect.c tests/check_start.c tests/check_send.c tests/check_raise.c tests/check_close.c tests/check_depth.c
examples  chain sort_delegation doubling tree_walk
bench     delegation

step 1 yf_collect
funcs  yf_collect
test   test_collect_of_a_yield_passes_the_value_out_and_keeps_the_delegate                3
test   test_collect_of_StopIteration_gives_the_result_and_frees_the_delegate              3
test   test_collect_of_an_exception_puts_it_in_g_and_frees_the_delegate                   3
test   test_collect_treats_a_refused_resume_as_the_exception_Python_raises                3
test   test_yf_collect_refuses_misuse_and_changes_nothing                                 1
test   test_yf_collect_refuses_a_NULL_exc_or_result_with_EINVAL                           2

step 2 yf_start
funcs  yf_start
test   test_yf_start_refuses_misuse_and_changes_nothing                                   1
test   test_yield_from_primes_the_subgenerator_and_yields_its_first_value                 3
test   test_subgenerator_returning_at_once_gives_its_result_without_a_yield               3
test   test_exception_raised_before_the_first_yield_surfaces_at_once                      3
test   test_delegating_to_a_started_generator_continues_where_it_paused                   3
test   test_delegating_to_an_exhausted_generator_gives_None_at_once                       3
test   test_delegating_to_a_generator_closed_before_it_ran_never_runs_it                  3
test   test_delegating_to_NULL_raises_TypeError_at_the_delegation_point                   3
test   test_delegating_to_a_running_generator_raises_ValueError_and_leaves_it_alone       3

step 3 yf_resume, send and next
funcs  yf_resume
test   test_yf_resume_refuses_misuse_and_changes_nothing                                  1
test   test_yield_from_passes_every_value_of_the_subgenerator_to_the_caller               3
test   test_delegator_code_after_the_delegation_waits_for_the_subgenerator_to_return      3
test   test_send_is_forwarded_to_the_subgenerator                                         3
test   test_send_None_is_next_for_the_subgenerator                                        2
test   test_return_value_of_the_subgenerator_becomes_the_value_of_the_delegation          3
test   test_one_body_delegates_several_times_in_turn                                      3
test   test_delegator_owns_the_subgenerator_until_the_delegation_ends                     3
test   test_delegator_is_running_while_its_subgenerator_runs                              3
test   test_resuming_the_delegator_from_inside_its_subgenerator_is_refused                3
test   test_gen_check_holds_and_delegate_is_set_only_while_delegating                     2

step 4 exceptions and throw
funcs  
test   test_exception_from_the_subgenerator_surfaces_at_the_delegation_point              3
test   test_exception_from_the_subgenerator_can_be_caught_at_the_delegation_point         3
test   test_StopIteration_raised_inside_the_subgenerator_arrives_as_RuntimeError          2
test   test_throw_is_forwarded_to_the_subgenerator                                        3
test   test_throw_the_subgenerator_lets_escape_can_be_caught_by_the_delegator             3
test   test_throw_nobody_catches_comes_back_out_and_closes_both                           3
test   test_throw_answered_by_a_return_ends_the_delegation_with_that_value                3
test   test_exception_raised_while_handling_a_throw_replaces_it                           2
test   test_context_is_kept_at_the_delegation_point                                       3

step 5 GeneratorExit
funcs  
test   test_close_of_the_delegator_closes_the_subgenerator_first                          3
test   test_thrown_GeneratorExit_closes_the_subgenerator_then_is_raised_in_the_delegator  3
test   test_subgenerator_returning_on_GeneratorExit_still_ends_the_delegator              3
test   test_exception_raised_while_closing_the_subgenerator_replaces_GeneratorExit        3
test   test_subgenerator_ignoring_GeneratorExit_gives_RuntimeError_in_the_delegator       3
test   test_freeing_a_delegating_generator_closes_and_frees_its_subgenerator              3
test   test_thrown_subclass_of_GeneratorExit_closes_the_subgenerator                      3

step 6 several levels
funcs  
test   test_values_and_the_result_pass_through_every_level                                3
test   test_sends_pass_through_every_level                                                3
test   test_throw_passes_through_every_level_to_the_innermost                             3
test   test_exception_climbs_level_by_level_until_one_handles_it                          3
test   test_closing_the_outer_closes_every_level_innermost_first                          3
test   test_every_level_is_running_while_the_innermost_runs                               3
test   test_a_middle_level_that_yields_on_its_own_after_its_delegation_is_resumed         2
test   test_resuming_a_middle_level_directly_goes_on_through_its_own_delegation           2
test   test_a_resume_through_n_levels_enters_each_level_once                              3
test   test_resumes_through_a_delegation_allocate_nothing                                 3
test   test_a_chain_of_1000_levels_works_and_frees_everything                             4
test   test_many_delegations_of_every_kind_leak_nothing                                   4
