# `==` compares values, `is` compares identity: equal lists are different objects.
# profiles: all
a = [1, 2]
b = [1, 2]
c = a
print(a == b)  # expect: True
print(a is b)  # expect: False
print(c is a)  # expect: True
