# run_forever: the tutorial's run_forever example.  run_forever runs until
# something calls stop; here the task itself does, after its sleep.
# (virtual_clock.py: asyncio on a virtual clock.)
import asyncio

from virtual_clock import new_event_loop, say


async def work(loop, t):
    say('Start')
    await asyncio.sleep(t)
    say('after {}s stop'.format(t))
    loop.stop()  # stop the loop; it could run again later


loop = new_event_loop()               # the seed: asyncio.get_event_loop()
task = loop.create_task(work(loop, 1))  # the seed: asyncio.ensure_future(...)
loop.run_forever()                    # until loop.stop()
loop.close()                          # only a stopped loop can be closed
print('closed:', loop.is_closed())
