# A generator expression evaluates its first iterable at once and everything else lazily.
def source():
    print("source called")
    return [1, 2, 3]

g = (x * 10 for x in source())
print("genexp made")
print(next(g))
print(sum(g))
