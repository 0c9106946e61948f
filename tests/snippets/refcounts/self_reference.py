# A list that contains itself holds a reference to itself: the count includes it.
# profiles: all
import sys
a = []
print(sys.getrefcount(a))
a.append(a)
print(sys.getrefcount(a))
a.pop()
print(sys.getrefcount(a))
