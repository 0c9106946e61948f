# The generic message for a statement that cannot be parsed.
x = 1
print(x)
x = = 2  # expect error: SyntaxError: invalid syntax
print(x)
