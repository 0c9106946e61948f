# Storing an object as an attribute adds a reference from the instance's attributes.
import sys

class Box:
    pass

item = []
print(sys.getrefcount(item))
box = Box()
box.content = item
print(sys.getrefcount(item))
del box
print(sys.getrefcount(item))
