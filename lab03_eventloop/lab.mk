# lab03_eventloop: the lab manifest, read by common/co_lab.c only (format: common/co_lab.h).
# Points per test are the "test NAME POINTS" lines (decimals allowed); an
# instructor may change them freely.
lab       lab03_eventloop
title     an event loop
student   loop.c
given     loop_given.c
deps      lab01_generators
tests     tests/check_main.c tests/lab03_tests.c tests/check_round_robin.c tests/check_ready.c tests/check_timers.c tests/check_run.c tests/check_io.c tests/check_spawn.c tests/check_details.c
examples  round_robin io_switch call_soon call_later call_at run_forever run_forever_callback socket_wait
bench     loop
calls     poll ppoll fcntl epoll_create1 epoll_ctl epoll_wait close

step 1 the round-robin of generators
funcs  loop_round_robin
test   test_round_robin_of_the_seed_tasks_prints_1_3_2_4                       3
test   test_round_robin_drops_each_generator_once_it_finishes                  3
test   test_round_robin_of_no_generators_returns_CO_OK                         2
test   test_round_robin_stops_at_an_exception_and_passes_it_on                 3
test   test_round_robin_counts_a_closed_generator_as_finished                  2
test   test_round_robin_rejects_NULL_with_EINVAL                               2
test   test_round_robin_of_one_generator_from_a_NULL_array_is_EINVAL            2
test   test_round_robin_of_100_generators_runs_each_to_its_end                  2

step 2 the ready queue and run_once
funcs  loop_call_soon loop_run_once
test   test_call_soon_runs_callbacks_in_FIFO_order                             3
test   test_callbacks_scheduled_during_an_iteration_wait_for_the_next          4
test   test_run_once_with_nothing_scheduled_returns_0_at_once                  2
test   test_ready_queue_wraps_around_in_order_without_growing                  2
test   test_ready_queue_keeps_its_order_as_it_wraps_and_grows                  4
test   test_call_soon_refuses_NULL_and_never_calls_back                        2
test   test_ready_count_and_ready_at_show_the_queue_in_order                   2
test   test_one_million_call_soons_run_in_order_and_leak_nothing               4

step 3 cancelling
funcs  loop_handle_cancel
test   test_cancelled_callback_never_runs_and_the_others_keep_their_order      3
test   test_callback_can_cancel_one_queued_later_in_the_same_iteration         3
test   test_cancel_of_a_running_callback_is_EDONE                              2
test   test_cancel_twice_is_ECANCELLED_and_NULL_is_EINVAL                      2

step 4 timers and the two clocks
funcs  loop_handle_before loop_call_at loop_call_later
test   test_call_later_fires_in_deadline_order                                 3
test   test_timers_due_together_fire_in_scheduling_order                       4
test   test_call_at_uses_the_loops_clock                                       3
test   test_due_timers_run_after_the_callbacks_already_ready                   3
test   test_timer_in_the_past_runs_in_the_next_iteration                       2
test   test_call_later_refuses_NaN_and_infinite_times                          2
test   test_a_negative_delay_is_a_deadline_in_the_past_ordered_like_any_other  2
test   test_timer_count_and_timer_at_show_the_heap                             3
test   test_handle_order_is_deadline_then_scheduling_order                     2
test   test_virtual_clock_starts_at_0_and_jumps_straight_to_the_next_timer     3
test   test_virtual_clock_stands_still_while_callbacks_are_ready               3
test   test_monotonic_clock_follows_the_real_clock_and_fires_overdue_timers    2
test   test_cancelled_timers_at_the_top_are_dropped_before_waiting             3
test   test_cancelling_most_timers_makes_the_loop_drop_them                    3
test   test_the_heap_rebuilt_without_its_cancelled_timers_fires_the_rest_in_order 2
test   test_the_heap_is_rebuilt_only_when_more_than_half_of_more_than_100_are_cancelled 1
test   test_a_lone_cancelled_timer_is_dropped_before_the_clock_could_jump_to_it 1
test   test_a_due_timer_cancelled_by_an_earlier_callback_of_its_iteration_never_runs 1

step 5 run_forever, stop and close
funcs  loop_run_forever loop_stop loop_close
test   test_run_forever_runs_until_a_callback_calls_stop                       3
test   test_stop_lets_the_current_iteration_finish                             4
test   test_stop_before_run_forever_runs_exactly_one_iteration                 3
test   test_loop_runs_again_after_stop                                         3
test   test_run_forever_returns_EDONE_when_nothing_is_left                     2
test   test_run_once_run_forever_close_and_destroy_refuse_inside_a_callback    3
test   test_callbacks_may_schedule_cancel_and_stop_freely                      4
test   test_close_drops_everything_and_refuses_scheduling_with_ECLOSED         2
test   test_close_twice_is_harmless_and_destroy_frees_pending_handles          2
test   test_timer_callback_can_schedule_the_next_timer_from_its_own_time       2
test   test_cancelled_timer_never_fires_and_the_others_keep_their_order        3
test   test_one_million_timers_fire_in_order_and_leak_nothing                  5
speed  loop 1000000 10

step 6 waiting for file descriptors
funcs  loop_add_reader loop_add_writer loop_remove_reader loop_remove_writer
test   test_reader_runs_when_the_socket_has_data                               3
test   test_reader_waits_until_data_arrives                                    3
test   test_writer_runs_when_the_pipe_has_room                                 2
test   test_reader_runs_again_each_iteration_until_it_reads                    2
test   test_reader_and_writer_on_one_descriptor_both_run                       2
test   test_reader_sees_end_of_file_when_the_peer_closes                       2
test   test_real_clock_loop_wakes_for_a_ready_descriptor_before_a_far_timer    3
test   test_real_clock_loop_sleeps_until_its_timer_is_due_rounding_up          3
test   test_remove_reader_returns_1_then_0_and_the_callback_never_runs         3
test   test_add_reader_replaces_the_previous_callback                          2
test   test_reader_removed_earlier_in_the_same_iteration_never_runs            3
test   test_add_reader_refuses_bad_descriptors_with_EINVAL                     2
test   test_close_drops_the_descriptors_and_refuses_add_reader_and_add_writer  1
test   test_run_once_with_only_a_reader_waits_in_poll_until_something_happens   2
test   test_a_writer_is_not_woken_by_data_to_read                               2
test   test_only_the_entries_in_use_are_read_after_poll                         2
test   test_real_clock_iteration_with_ready_callbacks_still_polls_its_descriptor 2
test   test_virtual_loop_with_a_descriptor_looks_without_waiting_and_jumps_only_when_idle 2
test   test_with_a_callback_ready_poll_looks_at_the_descriptors_with_timeout_0  2
test   test_twenty_descriptors_grow_the_table_and_every_reader_runs             2
test   test_add_reader_watches_descriptor_0_like_any_other                      1
test   test_poll_waits_long_for_a_timer_two_days_away                          1
test   test_run_once_on_an_empty_real_clock_loop_returns_without_polling        1

step 7 generators that wait
funcs  loop_spawn
test   test_spawned_generators_take_turns_on_the_loop                          3
test   test_first_step_is_queued_like_call_soon                                2
test   test_done_callback_gets_the_return_value                                3
test   test_an_exception_escaping_a_spawned_generator_reaches_done             2
test   test_spawn_refuses_NULL_and_closed_generators                           2
test   test_spawn_on_a_closed_loop_is_ECLOSED_and_never_runs_the_generator     1
test   test_generator_closed_behind_the_loops_back_ends_its_run                2
test   test_sleeping_generators_overlap_and_wake_in_deadline_order             4
test   test_runner_shows_what_the_generator_waits_for                          2
test   test_generator_waiting_for_a_readable_socket_resumes_when_data_arrives  4
test   test_generator_waiting_for_a_writable_pipe_resumes                      2
test   test_bad_yield_is_thrown_into_the_generator_as_RuntimeError             3
test   test_a_request_for_nothing_is_thrown_back_as_RuntimeError               2
test   test_sleep_0_or_less_queues_the_next_step_like_a_bare_yield             2
test   test_a_runner_forgets_what_it_waited_for_once_it_is_resumed              1
