# None, True and False are singletons: comparisons and bool() hand back the same objects.
x = 3
print((x == 3) is True)  # expect: True
print(bool([]) is False)  # expect: True
print(bool([]) is False is not None)  # expect: True
print(type(None)() is None)  # expect: True
print(type(True)(1) is True)  # expect: True
