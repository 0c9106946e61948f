# all() is true for an empty iterable, any() false; both stop early.
print(all([]), any([]))  # expect: True False
print(all([1, "a", [0]]), any([0, "", None]))  # expect: True False
calls = []
def check(v):
    calls.append(v)
    return v
print(any(check(v) for v in [0, 3, 5]), calls)  # expect: True [0, 3]
