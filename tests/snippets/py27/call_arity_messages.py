# Python 2's messages for a call whose arguments do not fit (PyEval_EvalCodeEx): one count,
# "exactly", "at most" or "at least", "(N given)" counting keywords too, "takes no arguments";
# and 2.7's other wordings: "global name", "has no attribute '__getitem__'", a recursion limit
# "must be positive".
# profiles: 2.7
def t(label, f):
    try:
        f()
        print label, "ok"
    except Exception as e:
        print label, type(e).__name__, e
def f0(): pass
def f1(a): pass
def f2(a, b): pass
def fd(a, b=1): pass
def fv(a, *args): pass
def fdv(a, b=1, *args): pass
def fk(a, **kw): pass
class A(object):
    def m(self, x): pass
    def n(self): pass
t("f0", lambda: f0(1))
t("f0kw", lambda: f0(a=1))
t("f1", lambda: f1())
t("f1b", lambda: f1(1, 2))
t("f1kw", lambda: f1(b=2))
t("f2", lambda: f2(1))
t("f2kw", lambda: f2(b=1))
t("f2c", lambda: f2(1, 2, 3))
t("f2d", lambda: f2(1, b=2, c=3))
t("fd", lambda: fd())
t("fd3", lambda: fd(1, 2, 3))
t("fdkw", lambda: fd(b=2))
t("fd3kw", lambda: fd(1, 2, b=3))
t("fv", lambda: fv())
t("fdv", lambda: fdv())
t("fk", lambda: fk())
t("fk2", lambda: fk(1, 2))
t("fmul", lambda: f2(1, a=2))
t("m", lambda: A().m())
t("m3", lambda: A().m(1, 2))
t("n", lambda: A().n(1))
t("um", lambda: A.m())
t("um2", lambda: A.m(1))
t("lam", lambda: (lambda x: x)())
t("kwstr", lambda: f1(**{1: 2}))
t("gen", lambda: [x for x in range(3)](1))
def outer():
    return undefined_global
t("glob", outer)
t("getitem none", lambda: None[0])
t("setitem", lambda: (1).__class__)
import sys
t("rec", lambda: sys.setrecursionlimit(-5))
