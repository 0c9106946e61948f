# Adding an int and a str has no meaning: TypeError names both operand types.
x = 1
y = "a"
print(str(x) + y)  # expect: 1a
print(x + y)  # expect error: TypeError: unsupported operand type(s) for +: 'int' and 'str'
