# / always gives a float in Python 3, even for exact quotients.
print(7 / 2)  # expect: 3.5
print(6 / 3)  # expect: 2.0
print(type(6 / 3).__name__)  # expect: float
print(2 ** -1)  # expect: 0.5
print(10 // 3.0)  # expect: 3.0
