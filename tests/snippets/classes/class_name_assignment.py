# A class's __name__ and __qualname__ are its fields (its repr follows them); __module__ and
# __doc__ cannot be deleted; __mro__ and __base__ are read-only; each version's messages.
# profiles: 3.6+
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__ + ":", e)
class C: pass
def a(): del C.__name__
t(a)
def b(): C.__name__ = 5
t(b)
def c(): int.__name__ = "x"
t(c)
def d(): del C.__module__
t(d)
def e(): C.__mro__ = ()
t(e)
def f(): C.__base__ = object
t(f)
def g(): C.__qualname__ = 3
t(g)
def h(): del C.__doc__
t(h)
def i(): C.__module__ = 7; return repr(C)
t(i)
class K:
    pass
K.__name__ = "L"
K.__qualname__ = "M.L"
print(K.__name__, K.__qualname__, repr(K))
K.__module__ = "pkg"
print(repr(K), K.__module__)
