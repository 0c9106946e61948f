# A failing assert raises AssertionError with its message.
x = 5
assert x > 0, "positive"
print("first assert passed")  # expect: first assert passed
assert x < 0, "x must be negative"  # expect error: AssertionError: x must be negative
