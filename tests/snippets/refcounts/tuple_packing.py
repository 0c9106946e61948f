# A tuple holding the same object three times holds three references to it.
import sys
a = []
t = (a, a, a)
print(sys.getrefcount(a))
del t
print(sys.getrefcount(a))
