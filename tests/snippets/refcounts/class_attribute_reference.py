# A class attribute is one reference from the class; reading it through instances adds none.
import sys
shared = []

class C:
    attr = shared

print(sys.getrefcount(shared))
c1, c2 = C(), C()
print(c1.attr is c2.attr)
print(sys.getrefcount(shared))
