# is_integer and as_integer_ratio reveal the exact binary value of a float.
print((2.0).is_integer(), (2.5).is_integer())  # expect: True False
print((0.5).as_integer_ratio())  # expect: (1, 2)
print((0.1).as_integer_ratio())  # expect: (3602879701896397, 36028797018963968)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)  # expect: False True
