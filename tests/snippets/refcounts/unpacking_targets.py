# Unpacking binds each target name to the same object; each name is a reference.
import sys
a = []
x, y = a, a
print(sys.getrefcount(a))
del x, y
print(sys.getrefcount(a))
