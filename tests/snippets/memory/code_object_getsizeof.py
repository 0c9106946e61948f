# A code object's size: from 3.11 its instructions live inside it (two bytes a code unit, the total
# rounded up to 8), so a function that only returns a constant has a code object a little larger
# than the type's basic size; before 3.11 the bytecode is a separate bytes object.
# profiles: all
# oracle: 64-bit
from __future__ import print_function
import sys
def f():
    pass
def g():
    return 1
h = lambda: None
print(sys.getsizeof(f.__code__), sys.getsizeof(g.__code__), sys.getsizeof(h.__code__))
