# frozenset is hashable and can be a dict key or set member; set is not.
# 3.14 says where the hash was needed.
fs = frozenset([1, 2])
d = {fs: "pair"}
print(d[frozenset([2, 1])])
print({fs, frozenset([2, 1])} == {fs})
s = {1, 2}
d[s] = "no"
