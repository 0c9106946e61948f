# A closure's cell holds a reference to the captured object.
import sys

def outer():
    data = []
    def inner():
        return data
    return inner

f = outer()
held = f.__closure__[0].cell_contents
print(sys.getrefcount(held))
del f
print(sys.getrefcount(held))
