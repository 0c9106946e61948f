# return is only valid inside a function.
print("start")
x = 1
if x:
    return x  # expect error: SyntaxError: 'return' outside function
