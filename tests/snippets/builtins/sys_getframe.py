# sys._getframe(depth) and a frame's f_back, f_code, f_lineno and f_locals. Up to 3.12 a function
# frame's f_locals is the frame's own dict, kept: it holds one more reference to each local (b's
# count rises). 3.13's is a FrameLocalsProxy (PEP 667), which the lab does not model.
from __future__ import print_function
import sys
def f(a):
    b = [a]
    fr = sys._getframe()
    print(fr.f_code.co_name, fr.f_back.f_code.co_name, fr.f_lineno)
    print(sys._getframe(1).f_code.co_name)
    print(sys.getrefcount(b))
    loc = fr.f_locals if sys.version_info < (3, 13) else dict(locals())
    print(sorted(loc))
    print(sys.getrefcount(b))
    return fr
fr = f(1)
print(sys._getframe().f_code.co_name)
print(sys._getframe().f_locals is globals())
try:
    sys._getframe(100)
except ValueError as e:
    print(e)
try:
    sys._getframe("a")
except TypeError as e:
    print(e)
