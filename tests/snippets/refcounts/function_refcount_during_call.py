# Who holds the function while it runs: 2.7 and 3.6 take a reference of their own for the call,
# 3.8 to 3.10 only the caller's stack does, and from 3.11 the frame takes the stack's reference
# (its f_func). A bound method is unpacked onto the stack in 2.7/3.6 and from 3.11.
# profiles: all
import sys

def f():
    return sys.getrefcount(f)

class C(object):
    def m(self):
        return sys.getrefcount(C.__dict__['m'])
    def me(self):
        return sys.getrefcount(self)
    def __len__(self):
        return sys.getrefcount(C.__dict__['__len__'])

c = C()
bound = c.m
bound_me = c.me
print(f(), c.m(), bound())
print(c.me(), bound_me(), len(c))

def k(x):
    return sys.getrefcount(k)
print(k(1), list(map(k, [1])))

def outer():
    def inner():
        return sys.getrefcount(inner)
    alias = k
    return inner(), alias(2)
print(outer())
