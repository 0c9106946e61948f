# int() truncates toward zero; large floats lose integer precision.
print(int(3.9), int(-3.9))  # expect: 3 -3
print(int(1e20))  # expect: 100000000000000000000
print(float(2 ** 53 + 1) == 2 ** 53)  # expect: True
print(int(float(2 ** 53 + 1)))  # expect: 9007199254740992
print(int("  12  "), float(" 1.5 "))  # expect: 12 1.5
