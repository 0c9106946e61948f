# The messages for /, // and % by zero, for ints and floats (they vary by version).
for op in (lambda a, b: a / b, lambda a, b: a // b, lambda a, b: a % b):
    for a in (1, 1.0):
        try:
            op(a, 0)
        except ZeroDivisionError as e:
            print(type(a).__name__, e)
