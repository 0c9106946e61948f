# isinstance and issubclass accept a class or a tuple of classes.
print(isinstance(1, int), isinstance(1, (str, float)))  # expect: True False
print(isinstance(True, int), isinstance(1.0, int))  # expect: True False
print(issubclass(bool, int), issubclass(int, object))  # expect: True True
print(issubclass(KeyError, (LookupError, ValueError)))  # expect: True
print(isinstance(int, type), isinstance(type, object))  # expect: True True
