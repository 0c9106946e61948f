# dict() from keywords, pairs or another mapping.
# 3.14 rephrased the error.
print(dict(a=1, b=2))
print(dict([("x", 1), ("y", 2)]))
print(dict({"k": 0}, extra=1))
print(dict(zip("ab", range(2))))
dict([1, 2])
