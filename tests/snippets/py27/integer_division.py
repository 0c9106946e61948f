# In Python 2, / between ints is floor division; a float operand gives true division.
# profiles: 2.7
print 7 / 2  # expect: 3
print -7 / 2  # expect: -4
print 7 / 2.0  # expect: 3.5
print 7 // 2.0  # expect: 3.0
print type(7 / 2).__name__  # expect: int
