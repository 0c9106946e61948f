# __slots__ keeps attributes in the object itself, with no __dict__: less memory, no new attributes.
# oracle: 64-bit
import sys

class Plain(object):
    def __init__(self):
        self.x, self.y = 1, 2

class Slotted(object):
    __slots__ = ("x", "y")
    def __init__(self):
        self.x, self.y = 1, 2

p, s = Plain(), Slotted()
print(sys.getsizeof(p), sys.getsizeof(s))   # getsizeof leaves out the __dict__...
print(sys.getsizeof(p.__dict__))            # ...which Plain instances pay for on top
print(hasattr(p, "__dict__"), hasattr(s, "__dict__"))
try:
    s.z = 3
except AttributeError as e:
    print("AttributeError:", e)
