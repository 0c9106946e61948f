# While both objects are alive, id(a) == id(b) is exactly `a is b`.
# profiles: all
a = [1]
b = a
c = [1]
print(id(a) == id(b))  # expect: True
print(id(a) == id(c))  # expect: False
print((id(a) == id(c)) == (a is c))  # expect: True
