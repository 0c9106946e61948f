# In Python 3 a list comprehension has its own scope: its loop variable does not leak.
# profiles: all
x = "outer"
squares = [x * 2 for x in range(3)]
print(squares)
print(x)
