# Complex numbers: literals, mixed arithmetic with ints and floats, repr, equality and hash.
# profiles: all
a = 3 + 4j
print(repr(a * (1 - 2j)))
print(repr(a / 2))
print(repr(abs(a)))
print(repr(-a))
print(repr(a ** 2))
print(repr(complex(2, -0.5)))
print(a == complex(3, 4))
print(hash(5 + 0j) == hash(5))
print(repr(a.conjugate()))
print(type(a).__name__)
