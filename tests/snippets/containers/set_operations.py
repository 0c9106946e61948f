# Set algebra on small ints (whose hash is the int itself, so the order prints stably).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b)  # expect: {1, 2, 3, 4, 5}
print(a & b)  # expect: {3, 4}
print(a - b)  # expect: {1, 2}
print(a ^ b)  # expect: {1, 2, 5}
print({1, 2} <= a)  # expect: True
