# 3.14 loads a function's local as a borrowed reference when the call consumes it at once
# (LOAD_FAST_BORROW): getrefcount of a local counts the local alone. Module names do not borrow.
# profiles: 3.14
import sys

def local():
    x = []
    return sys.getrefcount(x)

a = []
print(sys.getrefcount(a))  # expect: 2
print(local())  # expect: 1
