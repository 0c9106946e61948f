# round() rounds halves to even, and binary floats make some "halves" fall short.
print(round(0.5), round(1.5), round(2.5))  # expect: 0 2 2
print(round(2.675, 2))  # expect: 2.67
print(round(1234, -2), round(3.14159, 3))  # expect: 1200 3.142
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__)  # expect: int float
