# getsizeof of an instance and of its __dict__, before and after the dict is asked for, as the
# attributes grow: 3.11+ keep values beside the object and make the dict only on request.
# oracle: 64-bit
import sys
class Point:
    def __init__(self):
        self.x = 1
        self.y = 2

p = Point()
q = Point()
print(sys.getsizeof(p))
d = q.__dict__
print(sys.getsizeof(q), sys.getsizeof(d), len(d))
q.z = 3
print(sys.getsizeof(d), sorted(d))
print(sys.getsizeof(p.__dict__), p.__dict__ == {"x": 1, "y": 2})
