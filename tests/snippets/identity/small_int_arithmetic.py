# Arithmetic that lands inside -5..256 returns the cached object; outside it, a new int.
x = 250
y = x + 6
z = 256
print(y is z)  # expect: True
big = x + 7
other = int("257")
print(big is other)  # expect: False
print(big == other)  # expect: True
neg = x - 255
print(neg is int("-5"))  # expect: True
