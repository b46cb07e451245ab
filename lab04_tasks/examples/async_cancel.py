# async_cancel: the tutorial's three workers, sleeping 1, 2 and 3 s.  The
# seed waits for Ctrl-C after "Work 1 done" and then cancels every task
# of asyncio.Task.all_tasks() (removed in Python 3.9): True, True, False.
# Here the loop runs until the first worker is done, and then:
#   - asyncio.all_tasks(loop) gives only the tasks that are not done:
#     the two still sleeping; cancel() on each is True, but they stay
#     PENDING until the loop delivers the CancelledError;
#   - cancel() on the finished worker is False: a done task cannot be
#     cancelled;
#   - running the loop again delivers it: they end CANCELLED.
# (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import new_event_loop, say


async def work(id, t):
    say('Working {}...'.format(id))
    await asyncio.sleep(t)
    say('Work {} done'.format(id))


def main():
    loop = new_event_loop()                         # the seed: asyncio.get_event_loop()
    tasks = [loop.create_task(work(i, i)) for i in range(1, 4)]
    loop.run_until_complete(tasks[0])               # the seed: gather(...) and Ctrl-C
    unfinished = asyncio.all_tasks(loop)            # the seed: asyncio.Task.all_tasks()
    print('unfinished tasks:', len(unfinished))
    for t in tasks:
        if t in unfinished:
            print('cancel {} ({}): {}, now {}'.format(t.get_name(), t._state, t.cancel(), t._state))
    t = tasks[0]
    print('cancel {} ({}): {}, now {}'.format(t.get_name(), t._state, t.cancel(), t._state))
    for t in tasks[1:]:
        try:
            loop.run_until_complete(t)
        except asyncio.CancelledError:
            say('{} raised CancelledError: {}'.format(t.get_name(), t._state))
    loop.close()


if __name__ == "__main__":
    main()
