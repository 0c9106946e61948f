# __class__ assignment: CPython's checks and their messages (the lab refuses the assignment
# itself by name).
# profiles: 3.6+
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__ + ":", e)
class C: pass
def a(): object().__class__ = C
t(a)
def b(): C().__class__ = 5
t(b)
def c(): x = 5; x.__class__ = bool
t(c)
def d(): del C().__class__
t(d)
