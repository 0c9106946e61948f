# print() uses __str__; containers and the echo use __repr__ of their items.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "(%s, %s)" % (self.x, self.y)

p = Point(1, "a")
print(p)  # expect: (1, a)
print([p])  # expect: [Point(1, 'a')]
print(repr(p), str(p))  # expect: Point(1, 'a') (1, a)
print(f"{p!r} {p}")  # expect: Point(1, 'a') (1, a)
