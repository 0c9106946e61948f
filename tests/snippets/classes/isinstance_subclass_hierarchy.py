# isinstance and issubclass follow the inheritance chain; every class derives from object.
class A:
    pass
class B(A):
    pass

b = B()
print(isinstance(b, A), isinstance(b, B))  # expect: True True
print(issubclass(B, A), issubclass(A, B))  # expect: True False
print(issubclass(B, object), isinstance(A, type))  # expect: True True
print(isinstance(b, (int, A)))  # expect: True
