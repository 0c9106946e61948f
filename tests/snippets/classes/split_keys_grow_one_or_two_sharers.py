# An instance outgrowing the keys its class shares: alone, it hands the class the grown keys; with
# another instance still sharing the old ones, the class stops sharing.
# oracle: 64-bit
import sys
class Alone:
    pass

a = Alone()
for i in range(7):
    setattr(a, "f%d" % i, i)
a2 = Alone()
a2.f0 = 0
print(sys.getsizeof(a.__dict__), sys.getsizeof(a2.__dict__))
class Shared:
    pass

s1 = Shared()
s1.f0 = 0
s2 = Shared()
for i in range(7):
    setattr(s2, "f%d" % i, i)
s3 = Shared()
s3.f0 = 0
print(sys.getsizeof(s1.__dict__), sys.getsizeof(s2.__dict__), sys.getsizeof(s3.__dict__))
