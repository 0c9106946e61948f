# In Python 2 a list comprehension's loop variable leaks into the enclosing scope.
# profiles: 2.7
x = "outer"
squares = [x * 2 for x in range(3)]
print squares  # expect: [0, 2, 4]
print x  # expect: 2
g = list(y for y in range(3))
print "y" in dir()  # expect: False
