# lab05_gather: the lab manifest, read by common/co_lab.c only (format: common/co_lab.h).
# Points per test are the "test NAME POINTS" lines (decimals allowed); an
# instructor may change them freely.
lab       lab05_gather
title     Composing futures: gather, queues, threads
student   gather.c sync.c thread.c
given     sync_given.c thread_given.c
deps      lab04_tasks
tests     tests/check_main.c tests/lab05_tests.c tests/check_gather.c tests/check_wait.c tests/check_compose.c tests/check_queue.c tests/check_lock.c tests/check_threadsafe.c tests/check_executor.c
examples  gather_hello factorial ten_hello do_some_work wait_first wait_for_timeout run_forever_callback async_with async_for queue_workers run_coroutine_threadsafe crawler
bench     gather sync
ldlibs    -lm -lpthread
calls     pthread_create pthread_join pthread_mutex_init pthread_mutex_destroy pthread_mutex_lock pthread_mutex_unlock pthread_cond_init pthread_cond_destroy pthread_cond_wait pthread_cond_timedwait pthread_cond_signal pthread_cond_broadcast
syscalls  clone futex set_robust_list rseq eventfd2

step 1 gather
funcs  gather_new gather_result_at gather_cancel gather_free
test   test_gather_results_come_in_argument_order_whatever_the_finishing_order          4
test   test_gather_wraps_each_coroutine_in_a_task_at_once                               3
test   test_the_same_future_twice_gives_its_result_twice_with_one_callback              3
test   test_the_same_coroutine_twice_is_one_task                                        3
test   test_the_first_exception_fails_the_gather_at_once_and_the_others_keep_running   4
test   test_return_exceptions_puts_each_exception_in_its_place                          3
test   test_gather_cancel_cancels_every_unfinished_child                                4
test   test_gather_cancel_of_a_done_gather_is_false                                     2
test   test_a_child_cancelled_on_its_own_fails_the_gather_with_CancelledError           3
test   test_a_child_cancelled_on_its_own_is_a_CancelledError_result_with_return_exceptions 3
test   test_an_empty_gather_is_done_at_once                                             2
test   test_cancelling_the_task_that_awaits_a_gather_cancels_the_children               4
test   test_gather_new_refuses_bad_arguments_and_takes_nothing                          2
test   test_gather_free_refuses_while_a_child_it_made_still_runs                        2
test   test_the_same_coroutine_anywhere_in_the_arguments_is_one_task                    2
test   test_the_same_future_twice_is_one_child_wherever_the_futures_lie               1
test   test_a_child_failing_after_the_gather_failed_counts_as_retrieved                 1
test   test_a_cancelled_gather_raises_the_last_childs_CancelledError                    1
test   test_gather_result_at_refuses_bad_arguments                                      1
test   test_gather_free_takes_its_callback_off_a_future_still_pending                   2
test   test_gathers_run_and_freed_give_back_all_their_memory                            2
test   test_a_failed_gather_nobody_awaited_says_so_when_freed                           1
test   test_gather_free_refuses_while_any_child_may_still_call_back                     1
test   test_a_gather_on_a_closed_loop_is_freed_at_once                                  1
speed  gather 50000 10

step 2 wait and wait_for
funcs  wait_new wait_for_new
test   test_wait_FIRST_COMPLETED_returns_when_one_is_done_and_cancels_nothing          4
test   test_wait_FIRST_EXCEPTION_returns_at_the_first_failure                          3
test   test_wait_FIRST_EXCEPTION_without_a_failure_waits_for_all                       2
test   test_wait_ALL_COMPLETED_returns_every_future_done                               2
test   test_wait_with_a_timeout_returns_what_is_done_then_and_cancels_nothing          3
test   test_wait_takes_its_callback_off_each_future_still_pending                      1
test   test_wait_of_an_empty_set_is_ValueError                                         2
test   test_wait_refuses_a_coroutine_as_python_3_11_does                               2
test   test_wait_for_in_time_returns_the_result                                        3
test   test_wait_for_timeout_cancels_the_inner_task_waits_for_it_then_TimeoutError     4
test   test_wait_for_returns_the_result_of_an_inner_task_that_swallows_the_cancel      3
test   test_wait_for_without_a_timeout_waits_for_ever                                  2
test   test_wait_for_with_timeout_0_of_a_pending_future_is_TimeoutError_at_once        2
test   test_wait_for_raises_what_the_inner_one_raises                                  2
test   test_cancelling_the_task_in_wait_for_cancels_the_inner_one                      3
test   test_wait_cancelled_before_its_timeout_cancels_its_timer                        2
test   test_waits_and_wait_fors_give_back_all_their_memory                             2
test   test_wait_for_with_timeout_0_of_a_coroutine_never_runs_it                       1
test   test_a_task_cancelled_in_wait_for_raises_its_own_CancelledError                 1
test   test_wait_for_with_a_timeout_below_a_second_waits_that_long                     1

step 3 as_completed and shield
funcs  as_completed_new as_completed_next as_completed_left as_completed_free shield_init shield_destroy
test   test_as_completed_gives_results_in_finishing_order                             4
test   test_as_completed_raises_an_exception_in_its_turn                              3
test   test_as_completed_with_a_timeout_raises_TimeoutError_for_the_rest              3
test   test_shield_passes_the_result_through                                          2
test   test_cancelling_a_shield_leaves_the_inner_task_running                         3
test   test_cancelling_a_task_that_awaits_a_shield_spares_the_inner_task              4
test   test_a_cancelled_inner_future_cancels_the_shield                               2
test   test_as_completed_freed_early_takes_its_callbacks_off_the_futures              2
test   test_as_completed_freed_after_a_finish_nobody_awaited_leaves_no_callback      1
test   test_as_completed_and_shield_give_back_all_their_memory                        2
test   test_as_completed_new_refuses_bad_arguments_and_takes_nothing                  1
test   test_shield_destroy_takes_its_callback_off_a_pending_inner_future              1
test   test_as_completed_freed_after_its_loop_closed_gives_back_its_memory            1
test   test_a_cancelled_shield_takes_its_callback_off_the_inner_future                1
test   test_an_inner_failure_after_the_shield_was_cancelled_counts_as_retrieved    1

step 4 Queue
funcs  queue_init queue_destroy queue_size queue_empty queue_full queue_put_nowait queue_get_nowait queue_put queue_get queue_task_done queue_join
test   test_put_nowait_and_get_nowait_are_first_in_first_out                         2
test   test_put_nowait_on_a_full_queue_raises_QueueFull                              2
test   test_get_nowait_on_an_empty_queue_raises_QueueEmpty                           2
test   test_get_waits_until_an_item_is_put                                           3
test   test_put_waits_while_a_bounded_queue_is_full                                  3
test   test_getters_are_served_first_come_first_served                               3
test   test_a_cancelled_get_leaves_the_queue_as_it_was                               3
test   test_task_done_too_many_times_is_ValueError                                   2
test   test_join_waits_until_every_item_is_task_done                                 3
test   test_join_of_a_queue_with_nothing_unfinished_returns_at_once                  2
test   test_items_keep_their_order_as_the_queue_wraps_and_grows                      2
test   test_queue_destroy_refuses_while_a_getter_waits_and_frees_the_items           1
test   test_three_getters_are_served_in_the_order_they_came                          2
test   test_a_putter_woken_then_cancelled_hands_the_room_to_the_next                 2
test   test_join_returns_only_after_the_last_task_done                               2
test   test_join_waits_for_a_single_item_and_a_cancelled_joiner_leaves_the_line     1
test   test_queue_functions_refuse_NULL                                              1
test   test_a_getter_woken_then_cancelled_hands_the_item_to_the_next                 2
test   test_a_getter_cancelled_before_its_turn_wakes_nobody_and_the_line_keeps_its_order 2
test   test_queues_used_and_destroyed_give_back_all_their_memory                     1

step 5 Semaphore and Lock
funcs  sem_init sem_destroy sem_locked sem_acquire sem_release lock_init lock_destroy lock_locked lock_acquire lock_release
test   test_a_semaphore_of_2_lets_at_most_two_in_at_a_time                           4
test   test_sem_locked_says_whether_acquire_would_wait                               2
test   test_sem_init_refuses_a_negative_value                                        1
test   test_a_waiter_cancelled_in_acquire_does_not_lose_the_unit                     3
test   test_a_lock_lets_one_in_at_a_time_in_order                                    3
test   test_releasing_an_unlocked_lock_is_RuntimeError                               2
test   test_an_update_across_an_await_is_lost_without_a_lock_and_kept_with_one       4
test   test_a_waiter_woken_then_cancelled_hands_the_unit_to_the_next                 2
test   test_sem_destroy_and_lock_destroy_free_their_waiters                          1
test   test_sem_and_lock_functions_refuse_NULL                                       1
test   test_a_lock_waiter_woken_then_cancelled_wakes_the_next                        2

step 6 call_soon_threadsafe
funcs  ts_init ts_call_soon ts_destroy
test   test_ts_init_watches_an_eventfd_with_a_reader                                 2
test   test_calls_from_the_loop_s_own_thread_run_in_order_on_the_loop                3
test   test_four_producer_threads_lose_nothing_and_keep_each_one_s_order             5
test   test_a_loop_waiting_in_poll_wakes_for_a_call_from_another_thread              3
test   test_ts_call_soon_refuses_NULL_and_a_destroyed_door                           2
test   test_doors_used_and_destroyed_give_back_all_their_memory                      1
test   test_ts_init_refuses_NULL_and_a_closed_loop                                   1
test   test_each_call_is_moved_to_the_loop_once                                      1
test   test_a_destroyed_door_refuses_a_second_destroy_and_every_call                 1
test   test_a_door_on_descriptor_0_works_and_is_destroyed                            1

step 7 A thread pool and futures across threads
funcs  pool_new pool_submit pool_free wrap_future run_in_executor run_coroutine_threadsafe
test   test_pool_submit_runs_the_job_in_a_worker_and_finishes_its_cfuture            3
test   test_a_pool_of_three_runs_three_jobs_at_once                                  3
test   test_run_in_executor_gives_the_blocking_result_to_the_awaiting_task           4
test   test_run_in_executor_raises_what_the_blocking_call_raised                     2
test   test_wrap_future_of_a_cfuture_set_in_another_thread                           3
test   test_run_coroutine_threadsafe_runs_it_on_the_loop_and_the_thread_waits_for_it  4
test   test_cfuture_result_with_a_timeout_of_0_on_a_pending_one_is_TimeoutError      2
test   test_run_coroutine_threadsafe_refuses_NULL_and_takes_nothing                  1
test   test_pool_wrap_future_and_run_in_executor_refuse_NULL                         1
test   test_run_coroutine_threadsafe_passes_the_exception_to_its_cfuture             2
test   test_pools_jobs_and_futures_across_threads_give_back_all_their_memory          2
test   test_a_refused_run_in_executor_submits_no_job                                 1
test   test_run_coroutine_threadsafe_on_a_destroyed_door_keeps_nothing              1
