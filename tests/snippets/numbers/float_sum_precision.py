# Adding 0.1 ten times does not give exactly 1.0; from 3.12 sum() compensates for the
# rounding errors and does.
total = 0.0
for i in range(10):
    total += 0.1
print(total)
print(total == 1.0)
print(sum([0.1] * 10) == total)
print(sum([0.1] * 10))
