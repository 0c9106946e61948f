# yield at module level is a syntax error.
x = 1
print(x)
yield x  # expect error: SyntaxError: 'yield' outside function
print(x)
