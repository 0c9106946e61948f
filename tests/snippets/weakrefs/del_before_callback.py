# A dying instance's __del__ runs before its weakref callbacks.
import weakref
class Node:
    def __del__(self):
        print("__del__")

n = Node()
r = weakref.ref(n, lambda ref: print("callback"))
del n
print("end")
