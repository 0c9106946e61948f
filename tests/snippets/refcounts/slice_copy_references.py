# A slice copy is a new list with references to the same items.
import sys
item = []
a = [item, item]
print(sys.getrefcount(item))
b = a[:]
print(sys.getrefcount(item))
print(b[0] is a[0])
