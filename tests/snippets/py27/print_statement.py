# Python 2's print is a statement: commas separate items with spaces, a trailing comma
# suppresses the newline.
# profiles: 2.7
print "a", 1, [2]  # expect: a 1 [2]
print "no newline",
print "continued"  # expect: no newline continued
print  # expect:
print("x", "y")  # expect: ('x', 'y')
