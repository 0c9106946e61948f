# A frame of 3.10 or older holds a reference to its globals; from 3.11 a function's frame
# borrows them from the function (a module's frame still counts, through the function
# PyEval_EvalCode makes for it).
# profiles: all
import sys

def count():
    return sys.getrefcount(globals())

def nested():
    return count()

at_module = sys.getrefcount(globals())
print(count() - at_module, nested() - at_module)
