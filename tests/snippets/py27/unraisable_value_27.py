# 2.7 reports an exception __del__ could not raise with its value's repr: an instance's repr when
# Python code raised it, the bare message (or KeyError's key tuple) when a C function did, since
# 2.7 normalizes an exception only when something catches or prints it.
# profiles: 2.7
# compare: traceback
class B(object):
    def __repr__(self): return 'B'
    def __del__(self): {}['k']
class C(B):
    def __del__(self): raise ValueError("boom")
class D(B):
    def __del__(self): undefined_name
class E:
    def __repr__(self): return 'E'
    def __del__(self): None.append(1)
B(); C(); D(); E()
print 'after'
