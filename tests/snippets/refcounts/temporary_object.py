# An object that no name holds is referenced only by the call's argument.
import sys
print(sys.getrefcount([]))
print(sys.getrefcount(object()))

def make():
    return [1, 2]

print(sys.getrefcount(make()))
