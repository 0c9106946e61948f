# An infinite generator is fine as long as something stops asking: zip stops at the shortest.
def naturals():
    n = 0
    while True:
        yield n
        n += 1

print(list(zip("abc", naturals())))  # expect: [('a', 0), ('b', 1), ('c', 2)]
g = naturals()
print([next(g) for _ in range(3)], next(g))  # expect: [0, 1, 2] 3
