# list() and tuple() build containers from any iterable.
print(list("abc"), tuple("abc"))  # expect: ['a', 'b', 'c'] ('a', 'b', 'c')
print(list({1: "a", 2: "b"}))  # expect: [1, 2]
print(tuple(range(3)), list())  # expect: (0, 1, 2) []
t = (1, 2)
print(tuple(t) is t)  # expect: True
l = [1]
print(list(l) is l)  # expect: False
