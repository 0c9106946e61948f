# An instance with __slots__ is smaller than one with a __dict__.
# oracle: 64-bit
import sys
class WithDict:
    def __init__(self):
        self.a, self.b = 1, 2
class WithSlots:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a, self.b = 1, 2

print(sys.getsizeof(WithDict()))
print(sys.getsizeof(WithSlots()))
print(sys.getsizeof(WithDict().__dict__))
