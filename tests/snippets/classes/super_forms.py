# super() forms and their errors, which 3.12+ compile to LOAD_SUPER_ATTR: the two-argument form,
# classmethods, properties, static methods, a missing name, __class__, a super that is not the
# builtin, a class with __getattr__.
# profiles: 3.6+
class A:
    def m(self): return "A.m"
    @classmethod
    def c(cls): return "A.c " + cls.__name__
    @property
    def p(self): return "A.p"
    @staticmethod
    def s(): return "A.s"
class B(A):
    def m(self): return "B>" + super().m()
    @classmethod
    def c(cls): return "B>" + super().c()
    @property
    def p(self): return "B>" + super().p
    def s2(self): return super().s()
    def missing(self): return super().nope
    def cls(self): return super().__class__.__name__
    def two(self): return super(B, self).m()
    def bad(self): return super(B, 1).m()
    def getattr_class(self): return super().__getattribute__('m')()
class C(B):
    pass
c = C()
for i in range(3):
    print(c.m(), C.c(), c.p, c.s2(), c.cls(), c.two(), c.getattr_class())
for f in (c.missing, c.bad):
    try:
        f()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
def shadow():
    super = lambda *a: A
    return super().m
print(shadow().__name__)
class Hook(A):
    def __getattr__(self, name): return "hook " + name
    def m(self): return super().m()
print(Hook().m(), Hook().m())
class D(A):
    def m(self):
        return [super().m() for i in range(2)]
print(D().m())  # 3.12+ inlines the comprehension; before, super() finds no arguments in it
