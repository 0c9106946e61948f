# In a script the whole file is one code object: equal constants are stored once in
# co_consts, so two 1000 literals are one object even though 1000 is not a cached int.
# profiles: all
a = 1000
b = 1000
print(a is b)
c = -1000
d = -1000
print(c is d)
