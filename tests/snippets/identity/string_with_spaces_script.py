# The classic example: "it is a very good day" is not identifier-like, so it is not interned,
# yet in a script both literals are one constant of the same code object, so `is` is True.
a = "it is a very good day"
b = "it is a very good day"
print(a is b)
print(a == b)
