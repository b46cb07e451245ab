# lab01_generators: the lab manifest, read by common/co_lab.c only (format: common/co_lab.h).
# Points per test are the "test NAME POINTS" lines (decimals allowed); an
# instructor may change them freely.
lab       lab01_generators
title     a generator is a state machine
student   gen.c
given     gen_given.c
tests     tests/check_main.c tests/check_fibo_sm.c tests/check_protocol.c tests/check_throw_close.c tests/check_macros.c
examples  fibo lifecycle priming collector my_coro
bench     resume

step 1 the state machine by hand
funcs  fibo_sm_next
test   test_fibo_sm_yields_the_seed_sequence_below_100                        2
test   test_fibo_sm_keeps_returning_0_after_the_end                           2
test   test_fibo_sm_with_bound_1_yields_nothing                               2
test   test_fibo_sm_two_machines_do_not_share_state                           2
test   test_fibo_sm_rejects_NULL_with_EINVAL                                  2

step 2 the generator object and Python's protocol
funcs  gen_send gen_free
test   test_new_generator_is_created_and_its_body_has_not_run                 3
test   test_states_go_created_suspended_closed                                3
test   test_generator_is_running_while_its_body_executes                      3
test   test_gen_check_holds_at_every_step                                     3
test   test_return_value_travels_in_StopIteration                             3
test   test_falling_off_the_end_returns_none                                  3
test   test_send_delivers_the_value_of_the_paused_yield                       3
test   test_send_none_to_a_created_generator_starts_it                        3
test   test_an_exception_escaping_the_body_closes_it                          3
test   test_StopIteration_raised_by_the_body_becomes_RuntimeError             3
test   test_send_value_to_a_created_generator_is_TypeError                    3
test   test_resuming_a_running_generator_is_ValueError                        3
test   test_resuming_a_closed_generator_fails_with_EDONE                      3
test   test_null_arguments_are_EINVAL                                         3
test   test_each_frame_survives_across_yields_independently                   3
test   test_one_million_resumes_allocate_nothing_and_leak_nothing             4
test   test_freeing_generators_in_every_state_returns_all_memory              4

step 3 generators with the macros
funcs  fibo_new lifecycle_new
test   test_fibo_new_yields_the_seed_sequence_then_stops                      3
test   test_fibo_new_generators_are_independent                               3
test   test_lifecycle_yields_what_is_sent_to_it                               1
test   test_yield_inside_nested_loops_resumes_the_inner_loop                  3
test   test_many_yields_in_one_body_resume_in_order                           3
test   test_return_from_inside_a_loop_ends_the_generator                      3
test   test_raise_with_a_message_reaches_the_caller                           3
test   test_fibo_new_stops_before_a_bound_that_is_a_Fibonacci_number          2

step 4 throw
funcs  gen_throw
test   test_throw_not_caught_escapes_and_closes                               3
test   test_throw_caught_lets_the_body_yield_again                            3
test   test_throw_caught_then_return_gives_StopIteration                      3
test   test_throw_into_a_created_generator_never_runs_it                      3
test   test_throw_into_a_closed_generator_reraises_it_with_EDONE              3
test   test_throw_of_no_exception_is_EINVAL                                   3
test   test_throw_refuses_NULL_arguments_with_EINVAL                          1
test   test_lifecycle_lets_other_exceptions_escape                            3
test   test_except_Exception_does_not_catch_CancelledError                    3
test   test_throw_StopIteration_into_a_created_generator_is_RuntimeError      3
test   test_a_refused_throw_of_no_exception_says_TypeError                    3
test   test_throw_with_NULL_out_or_exc_is_EINVAL                              2
test   test_a_throw_delivers_no_stale_sent_value                              2

step 5 close, and freeing a paused generator
funcs  gen_close
test   test_close_of_a_created_generator_never_runs_the_body                  3
test   test_close_raises_GeneratorExit_at_the_paused_yield                    3
test   test_close_of_a_body_that_keeps_yielding_is_RuntimeError               4
test   test_close_passes_on_another_exception_from_the_body                   3
test   test_close_of_a_body_that_returns_is_quiet                             3
test   test_close_of_a_running_generator_is_ValueError                        3
test   test_close_of_NULL_is_EINVAL                                           1
test   test_lifecycle_follows_the_seed_session                                4
test   test_freeing_a_suspended_generator_closes_it_first                     3
test   test_freeing_a_created_generator_never_runs_it                         3
test   test_close_where_the_body_raises_StopIteration_is_RuntimeError         3
test   test_close_swallows_a_subclass_of_GeneratorExit_from_the_body          3
test   test_exception_raised_while_handling_a_throw_keeps_it_as_context       3
test   test_freeing_a_generator_that_ignores_GeneratorExit_says_so_on_stderr  2
test   test_freeing_a_generator_that_closes_cleanly_prints_nothing            2
test   test_freeing_a_generator_frees_its_delegate                            2
