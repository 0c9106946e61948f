# int() of text that is not a number raises ValueError quoting the text.
print(int("42"))  # expect: 42
print(int(" 7 "))  # expect: 7
print(int("-3"))  # expect: -3
int("x")  # expect error: ValueError: invalid literal for int() with base 10: 'x'
