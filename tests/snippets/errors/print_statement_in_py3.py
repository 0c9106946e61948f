# Python 2's print statement is a syntax error in Python 3, with a helpful message.
x = 1
print(x)
print "hello"
print(x + 1)
