# Tuples of constants are themselves constants: two equal literals in one script are one object.
# profiles: all
a = (1, 2, 3)
b = (1, 2, 3)
print(a is b)
c = tuple([1, 2, 3])
print(c is a)
print(c == a)
