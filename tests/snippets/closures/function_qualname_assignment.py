# __qualname__ set on a function names it in its repr and, from 3.10, in its argument errors;
# up to 3.9 those use the code's co_name.
# profiles: 3.6+
def f(a): pass
f.__qualname__ = "X.y"
print(f.__qualname__)
try: f()
except TypeError as e: print(e)
class C:
    def m(self, x): pass
C.m.__qualname__ = "Other.q"
print(C.m.__qualname__)
try: C().m()
except TypeError as e: print(e)
try: C.m(C())
except TypeError as e: print(e)
