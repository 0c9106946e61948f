# Adding keys while iterating over a dict raises RuntimeError.
d = {1: 1, 2: 2}
for k in d:
    print(k)
    d[k + 10] = 0
