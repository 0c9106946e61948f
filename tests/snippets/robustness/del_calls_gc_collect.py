# gc.collect() called from __del__: from a plain decref it runs a collection (nothing to find);
# from inside a collection it returns 0 at once, as a collection is already running.
import gc
gc.collect()
class A(object):
    def __del__(self):
        print('del', gc.collect())
a = A()
b = A()
b.self = b
del a, b
n = gc.collect()
print('after', n > 0)
