# Parentheses belong to the operands they wrap: the marks run from the first '(' to the last
# ')', and the `^` skips a closing ')' to land on the two-character operator.
# compare: traceback
numerator = 7
quotient = (numerator) // (numerator - 7)
