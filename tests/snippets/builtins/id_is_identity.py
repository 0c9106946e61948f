# id() is an object's identity: equal for the same object, stable while it lives.
x = [1, 2]
y = x
print(id(x) == id(y))  # expect: True
x.append(3)
print(id(x) == id(y))  # expect: True
print(id(x) == id([1, 2, 3]))  # expect: False
print(type(id(x)).__name__)  # expect: int
