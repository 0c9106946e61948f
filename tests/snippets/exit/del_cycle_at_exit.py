# A cycle of objects with __del__ left at exit: 3.4+ collects it even after gc.disable()
# (the exit's collection ignores it, _PyGC_CollectNoFail); 2.7 never frees it (gc.garbage).
# profiles: 2.7, 3.6-3.13
import gc


class A(object):
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del ' + str(self.n))

x = A(1)
y = A(2)
x.other = y
y.other = x
z = A(3)
gc.disable()
print('end')
