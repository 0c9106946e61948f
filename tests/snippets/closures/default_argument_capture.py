# A default argument is evaluated when the function is defined: the idiom i=i captures a value.
funcs = []
for i in range(3):
    funcs.append(lambda i=i: i)
print([f() for f in funcs])  # expect: [0, 1, 2]
print(funcs[0](99))  # expect: 99
