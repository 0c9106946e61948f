# A traceback holds the frames the exception passed through, so a saved exception keeps the
# function's local variables alive after the function has ended, until it is dropped (hence 3.x
# unbinds `e` at the end of the except block). An exc_info() kept in a local closes a cycle,
# frame -> local -> traceback -> frame, that only the collector frees.
# profiles: all
import gc
import sys

class D(object):
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del " + self.name)

def fail():
    d = D("local")
    raise ValueError("x")

try:
    fail()
except ValueError as e:
    saved = e
    tb = sys.exc_info()[2]
e = None
print("handled")
print(tb.tb_lineno, tb.tb_next.tb_lineno, tb.tb_next.tb_frame.f_code.co_name)
tb = None
if sys.version_info[0] == 2:
    sys.exc_clear()
saved = None
print("dropped")

def keep_info():
    d = D("cycle")
    try:
        raise KeyError("k")
    except KeyError:
        info = sys.exc_info()
    return info[1].args

print(keep_info())
print("returned")
gc.collect()
print("collected")
