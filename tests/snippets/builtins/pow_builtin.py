# pow with two or three arguments; three-argument pow is modular and exact.
print(pow(2, 10), pow(2, -1), 2 ** 0.5 == pow(2, 0.5))  # expect: 1024 0.5 True
print(pow(3, 200, 7))  # expect: 2
print(pow(-8, 1 / 3) == (-8) ** (1 / 3))  # expect: True
print(pow(0, 0))  # expect: 1
