# Integer floor division is exact for huge values; true division goes through float.
a = 10 ** 30 + 1
print(a // 1)  # expect: 1000000000000000000000000000001
print(a / 1)  # expect: 1e+30
print(a % 7)  # expect: 2
print((10 ** 400) // (10 ** 399))  # expect: 10
