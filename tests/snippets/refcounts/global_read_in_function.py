# Reading a global inside a function borrows it from the module dict for the call.
import sys
g = []

def f():
    return sys.getrefcount(g)

print(sys.getrefcount(g))
print(f())
