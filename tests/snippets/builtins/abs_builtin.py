# abs() for ints, floats, complex numbers and classes with __abs__.
print(abs(-5), abs(-2.5), abs(3 + 4j))  # expect: 5 2.5 5.0
print(abs(-0.0))  # expect: 0.0
class V:
    def __abs__(self):
        return 42
print(abs(V()))  # expect: 42
