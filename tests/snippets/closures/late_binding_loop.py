# Closures look variables up when called, not when created: all three see the final i.
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])  # expect: [2, 2, 2]
i = 10
print([f() for f in funcs])  # expect: [10, 10, 10]
