# float() parses decimal strings, inf and nan.
print(float(), float("1.5"), float("-2e3"))  # expect: 0.0 1.5 -2000.0
print(float("inf"), float("-inf"))  # expect: inf -inf
print(float(3))  # expect: 3.0
float("one")  # expect error: ValueError: could not convert string to float: 'one'
