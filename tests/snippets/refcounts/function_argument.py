# Inside a call, the parameter is one more reference; 3.11 stopped counting the caller's
# stack slot separately, so the figure changed.
import sys

def count(x):
    return sys.getrefcount(x)

a = []
print(count(a))
b = a
print(count(a))
