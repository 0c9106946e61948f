# Mixing tabs and spaces inconsistently is a TabError in Python 3.
def f():
	x = 1
        return x

print(f())
