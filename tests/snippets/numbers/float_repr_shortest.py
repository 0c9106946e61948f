# repr(float) is the shortest string that reads back to the same float; very large and
# very small values switch to exponent notation, overflow gives inf.
values = [0.1, 0.1 + 0.2, 1 / 3, 2 / 3, 1e22, 1e-7, 123456789.0, 1e16, 1.5e300 * 1e10]
for x in values:
    print(repr(x), float(repr(x)) == x)
