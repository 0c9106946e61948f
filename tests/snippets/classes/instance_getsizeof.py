# getsizeof of an instance does not include its attribute dict or the attribute values.
# oracle: 64-bit
import sys
class Empty:
    pass
class Three:
    def __init__(self):
        self.a, self.b, self.c = 1, 2, 3

print(sys.getsizeof(Empty()))
print(sys.getsizeof(Three()))
print(sys.getsizeof(object()))
