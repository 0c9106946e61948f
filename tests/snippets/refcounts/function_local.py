# A list that only a function's local variable holds: what getrefcount sees inside the call.
import sys

def f():
    x = []
    n = sys.getrefcount(x)
    y = x
    return n, sys.getrefcount(x)

print(f())
