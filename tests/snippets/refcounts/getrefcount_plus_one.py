# getrefcount(x) is one more than the references you can see, because the argument itself
# is a reference for the duration of the call.
# profiles: all
import sys
x = []
holders = [x, x, x]
print(sys.getrefcount(x) - 1)
print(len(holders) + 1)
