# Missing attributes raise AttributeError naming the type.
n = 5
print(n.real)  # expect: 5
print(hasattr(n, "foo"))  # expect: False
n.foo  # expect error: AttributeError: 'int' object has no attribute 'foo'
