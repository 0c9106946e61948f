# "a" * 20 is folded at compile time only below a size limit that changed over versions;
# a folded result is a constant, and an identifier-like constant is interned.
a = "a" * 20
b = "aaaaaaaaaaaaaaaaaaaa"
print(a is b)
c = "a" * 5000
d = "a" * 5000
print(c is d)
