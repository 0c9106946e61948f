# Dicts of strings: str() of ints, concatenation, dict inserts and resizes.
total = 0
for round in range(10):
    d = {}
    for i in range(20000):
        key = "k" + str(i)
        d[key] = key + "-v"
    total += len(d) + len(d["k19999"])
print(total)
