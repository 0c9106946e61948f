# Ints outside the cache built by arithmetic are new objects each time, even with equal values.
n = 1000
a = n + 1
b = n + 1
print(a == b)  # expect: True
print(a is b)  # expect: False
small = n - 900
print(small is n - 900)  # expect: True
