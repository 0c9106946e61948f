# % with a tuple spreads it over the placeholders; one %s and a 2-tuple is an error.
pair = (1, 2)
print("%s" % (pair,))  # expect: (1, 2)
print("%s and %s" % pair)  # expect: 1 and 2
print("%s" % pair)  # expect error: TypeError: not all arguments converted during string formatting
