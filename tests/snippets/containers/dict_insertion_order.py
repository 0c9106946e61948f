# Dicts keep insertion order (a language guarantee from 3.7, already true in CPython 3.6).
d = {}
d["banana"] = 3
d["apple"] = 1
d["cherry"] = 2
print(list(d))
d["apple"] = 10
print(d)
del d["banana"]
d["banana"] = 0
print(list(d.items()))
