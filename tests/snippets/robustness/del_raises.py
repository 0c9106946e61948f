# An exception raised in __del__ or in a weakref callback is reported on stderr ("Exception
# ignored in: ...") and the snippet goes on.
import weakref
class A(object):
    def __del__(self):
        raise ValueError('boom')
a = A()
del a
class B(object):
    pass
b = B()
def cb(r):
    raise KeyError('cb')
r = weakref.ref(b, cb)
del b
print('after', r() is None)
