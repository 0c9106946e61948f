# Keys and items views are set-like: operators give sets, comparisons are subset tests;
# values views are not. Views are live and print their contents.
d = {1: "a", 2: "b", 3: "c"}
k, v, i = d.keys(), d.values(), d.items()
print(k & {2, 3, 4}, k | {9}, k - {1}, k ^ {1, 10})
print({2, 3} & k, [3] and k - [3])
print(i & {(1, "a"), (2, "x")}, (2, "b") in i, (2, "x") in i)
print(k == {1, 2, 3}, k < {1, 2, 3, 4}, k >= {1}, i == {(1, "a"), (2, "b"), (3, "c")})
print(k.isdisjoint({7, 8}), k.isdisjoint([3]))
d[4] = "d"
print(len(k), len(v), len(i), list(v))
print(k)
print(v)
print(i)
print(v == v, v == d.values())
