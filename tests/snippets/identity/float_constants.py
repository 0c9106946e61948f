# Floats are never cached, but equal float literals in one code object are one constant.
a = 1.5
b = 1.5
print(a is b)
c = float("1.5")
print(c is a)
print(c == a)
