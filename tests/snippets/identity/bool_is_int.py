# True == 1 but True is not the int 1: bool is a subclass of int with its own two objects.
x = 1
print(True == x)  # expect: True
print(True is x)  # expect: False
print(isinstance(True, int))  # expect: True
print(type(True) is int)  # expect: False
print(True + True)  # expect: 2
