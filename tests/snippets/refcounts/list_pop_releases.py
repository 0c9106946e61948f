# pop() removes the list's reference and hands it to the caller.
import sys
x = []
l = [x]
print(sys.getrefcount(x))
y = l.pop()
print(sys.getrefcount(x))
del y
print(sys.getrefcount(x))
