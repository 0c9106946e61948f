# dict.fromkeys uses one value object for every key.
d = dict.fromkeys(["a", "b"], [])
d["a"].append(1)
print(d)  # expect: {'a': [1], 'b': [1]}
print(d["a"] is d["b"])  # expect: True
