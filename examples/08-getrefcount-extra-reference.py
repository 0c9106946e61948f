# sys.getrefcount(x) is one more than the references you can see: its argument is one too.
import sys
print(sys.getrefcount([]))  # a new list that no name holds: 1, the argument alone

a = []
print(sys.getrefcount(a))   # the name a + the argument

def local():
    x = []
    return sys.getrefcount(x)

print(local())              # the local x + the argument (3.14 borrows locals: 1)
holder = [a, a, a]
print(sys.getrefcount(a) - 1)   # subtract the argument to get the real count
