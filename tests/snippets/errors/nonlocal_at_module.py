# nonlocal needs an enclosing function.
print("start")
y = 1
nonlocal x  # expect error: SyntaxError: nonlocal declaration not allowed at module level
x = 2
print(x)
