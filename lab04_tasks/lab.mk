# lab04_tasks: the lab manifest, read by common/co_lab.c only (format: common/co_lab.h).
# Points per test are the "test NAME POINTS" lines (decimals allowed); an
# instructor may change them freely.
lab       lab04_tasks
title     Futures and tasks
student   future.c task.c
given     task_given.c
deps      lab03_eventloop lab02_yieldfrom
tests     tests/check_main.c tests/lab04_tests.c tests/check_future.c tests/check_callbacks.c tests/check_task.c tests/check_cancel.c tests/check_sleep.c tests/check_run.c tests/check_details.c
examples  hello1 say_after task_state async_cancel nested run_until_complete four
bench     tasks
ldlibs    -lm

step 1 A future's state, result and exception
funcs  future_init future_destroy future_new future_free future_state future_done future_cancelled future_loop future_set_result future_set_exception future_result future_exception
test   test_a_new_future_is_PENDING_and_has_no_result_yet                                 3
test   test_set_result_finishes_the_future_and_result_gives_it                            3
test   test_set_result_on_a_done_future_is_InvalidStateError_and_keeps_the_first          3
test   test_set_exception_makes_result_raise_it_and_exception_give_it                     3
test   test_set_exception_refuses_StopIteration_with_TypeError                            3
test   test_set_exception_on_a_done_future_is_InvalidStateError                           3
test   test_exception_of_a_future_with_a_result_is_none                                   2
test   test_future_calls_refuse_NULL_with_EINVAL                                          2
test   test_future_new_and_future_free_work_on_the_heap                                   2
test   test_an_unretrieved_exception_is_reported_when_the_future_is_destroyed             3
test   test_future_free_gives_back_what_future_new_took                                   2

step 2 Cancelling a future, and done callbacks
funcs  future_cancel future_add_done_callback future_remove_done_callback
test   test_done_callbacks_run_through_the_loop_never_inline                              4
test   test_done_callbacks_run_in_registration_order_with_their_bound_argument            3
test   test_a_callback_added_to_a_done_future_is_queued_after_what_is_queued              3
test   test_remove_done_callback_returns_how_many_it_removed                              3
test   test_cancel_of_a_pending_future_is_true_and_runs_its_callbacks                     3
test   test_cancel_of_a_done_future_is_false_and_changes_nothing                          2
test   test_exception_of_a_cancelled_future_raises_CancelledError                         3
test   test_a_future_whose_callbacks_are_queued_cannot_be_destroyed                       3
test   test_a_thousand_callbacks_on_one_future_run_in_order                               3
test   test_add_done_callback_refuses_NULL_and_a_done_future_on_a_closed_loop             2
test   test_on_a_closed_loop_only_a_future_without_callbacks_can_finish                   2
test   test_future_destroy_frees_the_callbacks_and_leaves_a_dead_future                   2
test   test_the_callback_array_holds_the_power_of_two_the_header_promises                 2

step 3 Tasks: creating them, their steps, awaiting
funcs  task_create task_free task_awaiting task_alive
test   test_task_create_runs_nothing_until_the_loop_runs                                  3
test   test_a_task_finishes_with_what_its_coroutine_returns                               3
test   test_a_task_fails_with_the_exception_its_coroutine_raises                          3
test   test_awaiting_a_future_suspends_the_task_until_the_future_is_done                  4
test   test_awaiting_a_future_that_failed_raises_its_exception_in_the_coroutine           3
test   test_awaiting_a_future_that_is_already_done_does_not_suspend                       3
test   test_a_bare_yield_gives_the_other_tasks_a_turn                                     3
test   test_a_task_awaiting_another_task_gets_its_result                                  3
test   test_awaiting_a_coroutine_runs_it_in_the_same_task                                 3
test   test_a_task_is_a_future_and_its_done_callbacks_run_through_the_loop                3
test   test_a_bad_yield_throws_RuntimeError_into_the_coroutine                            3
test   test_yielding_a_future_without_await_is_RuntimeError                               3
test   test_a_task_cannot_await_itself                                                    2
test   test_a_failed_task_freed_unobserved_says_Task_exception_was_never_retrieved        4
test   test_task_free_refuses_a_task_that_can_still_run                                   3
test   test_a_blocking_step_holds_up_every_task                                           2
test   test_task_create_refuses_NULL_a_started_coroutine_and_a_closed_loop                2
test   test_a_task_costs_at_most_300_bytes                                                4
test   test_a_task_whose_coroutine_is_closed_behind_its_back_finishes_at_its_next_step    2
test   test_after_a_bad_yield_is_thrown_in_the_next_steps_are_normal_ones                 2
test   test_yielding_a_pointer_to_anything_but_a_live_future_is_a_bad_yield               2
test   test_awaiting_a_future_of_another_loop_is_RuntimeError                             2
test   test_a_failed_task_freed_unobserved_names_itself_and_its_coroutine                 2
test   test_freeing_a_task_on_a_closed_loop_unhooks_it_from_what_it_awaited               2
test   test_tasks_run_and_freed_give_back_all_their_memory                                2

step 4 Cancellation
funcs  task_cancel task_cancelling task_uncancel
test   test_cancel_of_a_done_task_is_false                                                2
test   test_cancel_of_a_task_waiting_for_a_future_cancels_that_future                     4
test   test_cancel_before_the_first_step_cancels_without_running_the_coroutine            3
test   test_cancel_of_a_task_between_steps_is_thrown_in_at_its_next_step                  3
test   test_a_coroutine_that_catches_CancelledError_and_returns_leaves_its_task_finished  4
test   test_the_cancel_message_reaches_the_coroutine_and_the_result                       3
test   test_cancelling_counts_requests_and_uncancel_takes_them_back                       3
test   test_cancelling_a_task_that_waits_for_a_task_cancels_the_inner_task                3
test   test_except_Exception_in_a_coroutine_does_not_swallow_a_cancellation               3
test   test_a_task_cancelled_during_its_last_step_ends_CANCELLED                          3
test   test_a_one_letter_cancel_message_reaches_the_result                                2
test   test_a_cancel_passed_on_to_the_awaited_task_is_not_thrown_in_again                 2

step 5 The current task, all tasks, names, sleep
funcs  task_current task_running_loop task_all task_set_name task_sleep
test   test_current_task_is_the_task_whose_step_runs                                      3
test   test_all_tasks_lists_the_unfinished_tasks_in_creation_order                        3
test   test_task_names_default_to_Task_N_and_can_be_set                                   2
test   test_sleep_waits_on_the_loop_s_clock_and_returns_its_result                        3
test   test_say_after_awaited_in_turn_takes_3_s_and_as_two_tasks_2_s                      4
test   test_sleep_0_is_one_bare_yield                                                     3
test   test_cancelling_a_sleeping_task_cancels_its_timer                                  3
test   test_sleep_outside_a_task_raises_RuntimeError                                      2
test   test_100000_tasks_each_sleeping_all_finish_and_leak_nothing                        4
test   test_freed_tasks_leave_the_list_of_all_tasks_linked                                3
test   test_sleep_0_sets_no_timer                                                         2

step 6 run_until_complete and run
funcs  task_run_until_complete task_run
test   test_run_until_complete_returns_the_task_s_result                                  3
test   test_run_until_complete_raises_what_the_task_raised                                3
test   test_run_until_complete_refuses_a_loop_that_is_already_running                     3
test   test_run_until_complete_of_a_future_nobody_sets_is_RuntimeError                    3
test   test_run_makes_a_fresh_loop_runs_main_and_cancels_what_is_left                     4
test   test_run_returns_what_main_raised                                                  2
test   test_run_inside_a_running_task_is_refused                                          3
test   test_loops_run_inside_steps_16_deep_know_their_task_and_loop                       2
test   test_run_until_complete_refuses_bad_arguments_before_running_anything              2
test   test_run_refuses_NULL_without_running_main_and_frees_it                            2
test   test_run_shuts_down_what_main_leaves_as_asyncio_run_does                           4
test   test_run_stops_once_the_left_over_tasks_are_done                                   2
test   test_run_gives_back_all_the_memory_it_took                                         2
test   test_run_refused_inside_a_task_still_frees_main                                    2
