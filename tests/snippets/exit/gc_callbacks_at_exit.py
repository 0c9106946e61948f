# The exit's first collection runs gc.callbacks (a full collection, finding nothing while
# __main__ still lives). The callback list then keeps __main__'s dict, and so `a` and `b`,
# alive through the rest of the exit: no __del__ runs.
# profiles: 3.6-3.13
import gc


def cb(phase, info):
    print(phase, info['generation'])

gc.callbacks.append(cb)


class A:
    def __del__(self):
        print('del A')

a = A()
a.me = a
b = A()
print('end')
