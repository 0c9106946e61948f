# What a __del__ sees of its module at exit: 3.x finalizers run before the collection clears
# anything, so globals are intact; 2.7 is setting them to None, single-underscore names first.
# profiles: 2.7, 3.6-3.13
class A(object):
    def __del__(self):
        print(str(_x is None) + ' ' + str(A is None))

_x = A()
print('end')
