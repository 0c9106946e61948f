# A weakref that dies in the same collection as its referent calls no callback, at exit as in
# gc.collect(). 2.7 wipes the globals one by one instead, so its callback runs (before
# __del__, in 2.7's order). A tuple frees its items last to first.
# profiles: 2.7, 3.6-3.13
import weakref


class A(object):
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del ' + str(self.n))


def cb(r):
    print('callback')

_a = A(1)
r = weakref.ref(_a, cb)
t = (A(2), A(3))
l = [A(4)]
l.append(l)
print('end')
