# Freed dicts are kept on a free list and handed out again.
d = {"a": 1}
old = id(d)
del d
e = {}
print(id(e) == old)
e["b"] = 2
print(id(e) == old)
