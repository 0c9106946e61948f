# clear() empties the shared list; rebinding the name leaves other names untouched.
a = [1, 2]
b = a
a = []
print(b)  # expect: [1, 2]
a = b
a.clear()
print(b)  # expect: []
