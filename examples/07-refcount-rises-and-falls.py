# Each new reference adds one to an object's count and each dropped one takes one away.
import sys
a = [1, 2, 3]
print(sys.getrefcount(a))   # the name a, plus getrefcount's own argument
b = a                       # assignment: a second name
print(sys.getrefcount(a))
c = [a, a]                  # container membership: one per slot
print(sys.getrefcount(a))

def count(x):
    return sys.getrefcount(x)

print(count(a))             # argument passing: x, and before 3.11 the caller's stack too
del c                       # del: the list goes, and its two references with it
print(sys.getrefcount(a))
b = "something else"        # rebinding drops the old reference
print(sys.getrefcount(a))
del a                       # the count reaches 0: the list is freed at once
print("a" in globals(), b)
