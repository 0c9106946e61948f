# Types are objects too, and there is one of each: type(x) is int compares identities.
print(type(1) is int)  # expect: True
print(type(True) is bool)  # expect: True
print(type(True) is int)  # expect: False
print(type([]) is type([1, 2]))  # expect: True
print(type(type) is type)  # expect: True
print(type(int) is type)  # expect: True
