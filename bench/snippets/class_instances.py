# Class instances: __init__ calls, instance dicts (or inline values), attribute stores and loads.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

total = 0
for round in range(10):
    points = [Point(i, -i) for i in range(20000)]
    for p in points:
        total += p.x + p.y + 1
print(total)
