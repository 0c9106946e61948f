# keys(), values() and items() are views: they see later changes to the dict.
d = {1: "one"}
keys = d.keys()
print(len(keys))  # expect: 1
d[2] = "two"
print(list(keys))  # expect: [1, 2]
print(2 in keys)  # expect: True
print(keys & {2, 3})  # expect: {2}
