# In Python 2 a function found through its class is an unbound method: a new instancemethod
# each time, holding the function and the class, that checks its first argument's class.
# profiles: 2.7
class A(object):
    def f(self):
        return "f of %s" % type(self).__name__
class B(A):
    pass

print A.f, B.f  # expect: <unbound method A.f> <unbound method B.f>
print A.f.im_self, A.f.im_class, A.f.im_func is A.__dict__["f"]  # expect: None <class '__main__.A'> True
print A.f is A.f, A.f == A.f  # expect: False True
print repr(A.__dict__["f"]).split(" at ")[0]  # expect: <function f
print A.f(B()), B().f.im_class  # expect: f of B <class '__main__.B'>
try:
    A.f(1)
except TypeError as e:
    print e  # expect: unbound method f() must be called with A instance as first argument (got int instance instead)
try:
    B.f()
except TypeError as e:
    print e  # expect: unbound method f() must be called with B instance as first argument (got nothing instead)
