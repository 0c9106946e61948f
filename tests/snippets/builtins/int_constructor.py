# int() converts strings (in a base) and truncates floats; int() with no argument is 0.
print(int(), int("12"), int("-0x1f", 16))  # expect: 0 12 -31
print(int(7.99), int(-7.99))  # expect: 7 -7
print(int("z", 36), int("101", 2))  # expect: 35 5
print(int(True))  # expect: 1
int("1.5")  # expect error: ValueError: invalid literal for int() with base 10: '1.5'
