# A starred target needs a list or tuple around it.
a, *b = [1, 2, 3]
print(a, b)
*c = [1, 2]  # expect error: SyntaxError: starred assignment target must be in a list or tuple
print(c)
