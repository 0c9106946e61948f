# An instance whose __dict__ is read before any attribute is stored gets a dict over the class's
# keys with nothing in it; storing names in the class's order keeps it that way, another order not.
# oracle: 64-bit
import sys
class Slot:
    pass

first = Slot()
first.a, first.b = 1, 2
empty = Slot()
d = empty.__dict__
print(len(d), sys.getsizeof(d))
empty.a = 10
print(sys.getsizeof(d), list(d))
other = Slot()
e = other.__dict__
other.b = 20
print(sys.getsizeof(e), list(e), sys.getsizeof(first.__dict__))
print(sys.getsizeof(Slot().__dict__), vars(other))
