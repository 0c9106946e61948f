# The small ints, () and '' are shared by the whole interpreter: CPython's own modules hold
# hundreds of references to them before a script starts (immortal from 3.12).
import sys
print(sys.getrefcount(0) > 100, sys.getrefcount(1) > 50)  # expect: True True
print(sys.getrefcount(()) > 500)  # expect: True
print(sys.getrefcount('') > 50)  # expect: True
