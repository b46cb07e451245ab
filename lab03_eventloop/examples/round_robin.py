# round_robin: the tutorial's first coroutines, two generators taking
# turns in a plain task list: 1, 3, 2, 4 instead of 1, 2, 3, 4.


def task_01():
    print(1)
    # time.sleep(1)  # I/O: left out, it would only make you wait
    yield            # switch by hand
    print(2)


def task_02():
    print(3)
    # time.sleep(1)  # I/O
    yield
    print(4)


genObject_01 = task_01()
genObject_02 = task_02()

task_list = [genObject_01, genObject_02]

while True:
    executable_list = task_list.copy()
    completed_list = []

    for run_generator in executable_list:
        try:
            next(run_generator)
        except StopIteration:
            completed_list.append(run_generator)

    for end_generator in completed_list:
        task_list.remove(end_generator)

    if not task_list:
        break
