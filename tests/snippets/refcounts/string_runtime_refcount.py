# A string built at run time is an ordinary mortal object with an ordinary count.
import sys
s = "".join(["memory", " ", "lab"] * 3)
print(sys.getrefcount(s))
t = s
print(sys.getrefcount(s))
