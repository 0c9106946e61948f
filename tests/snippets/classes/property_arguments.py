# property(fget, fset, fdel, doc) by position or keyword; the doc comes from the getter when not
# given; fget/fset/fdel are read-only, __doc__ is not.
# profiles: 3.6+
class C:
    def _g(self): return 42
    x = property(fget=_g, doc="the x")
    y = property(_g, None, None, "why")
    @property
    def z(self):
        "zdoc"
        return 1
c = C()
print(c.x, c.y, c.z)
print(C.x.__doc__, C.y.__doc__, C.z.__doc__)
print(C.x.fget is C._g, C.z.fset, C.y.fdel)
try: C.x.fget = None
except AttributeError as e: print(e)
class D:
    @property
    def v(self):
        "vdoc"
        return 1
    @v.setter
    def v(self, x):
        pass
print(D.v.__doc__, D.v.fset is not None)
q = property(doc="only doc")
print(q.__doc__, q.fget)
q.__doc__ = "changed"
print(q.__doc__)
