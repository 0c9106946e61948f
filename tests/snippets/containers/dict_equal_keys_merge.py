# 1, 1.0 and True are equal and hash alike, so they are one dict key; the first key object stays.
# profiles: all
d = {1: "int"}
d[1.0] = "float"
d[True] = "bool"
print(d)  # expect: {1: 'bool'}
print(len({1, 1.0, True}))  # expect: 1
