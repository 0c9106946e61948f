# Assigning to a name anywhere in a function makes it local everywhere in it, so reading it
# before the assignment fails; the message changed in 3.11.
x = 1

def f():
    print(x)
    x = 2

f()
