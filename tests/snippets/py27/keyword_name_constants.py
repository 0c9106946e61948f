# 2.7 compiles a call's keyword names as constants of their own, each pushed under its value
# (LOAD_CONST 'name', value, ..., CALL_FUNCTION n | m << 8): co_consts holds each name once, in
# the order the calls use them, with no tuple of names; the stack holds each name during the call.
# profiles: 2.7
import sys
BASE = sys.getrefcount('zqname')  # counts below are relative to it (the runner's parser holds some)
def rc(): return sys.getrefcount('zqname') - BASE

def kw(**k): return rc()
def named(zqname=0, other=0): return rc()
class C(object):
    def __init__(self, zqname=0): self.seen = rc()
    def m(self, zqname=0): return rc()
def gen(zqname=0):
    yield rc()

def calls():
    a = kw(zqname=1, other=2)
    b = named(zqname=1)
    c = C(zqname=1).seen
    d = C().m(zqname=named(other=3))
    e = next(gen(zqname=1))
    f = dict(zqname=1, other=2)
    return a, b, c, d, e, sorted(f.items())

print rc()
print calls()
code = calls.__code__
print code.co_consts
print code.co_stacksize, len(code.co_code)
print rc()

def nested(): return named(1, other=named(zqname=kw(other=2)))
print nested.__code__.co_consts, nested.__code__.co_stacksize, len(nested.__code__.co_code)
print nested()

def errors():
    for f in (lambda: named(nope=1), lambda: named(1, zqname=2), lambda: len(x=1),
              lambda: C(zqname=1, zqname2=2)):
        try:
            f()
        except TypeError as e:
            print e
errors()
print rc()
