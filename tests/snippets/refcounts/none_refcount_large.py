# None is shared by the whole interpreter: its count is huge in every version (and pinned
# at an "immortal" value from 3.12).
import sys
print(sys.getrefcount(None) > 100)  # expect: True
print(sys.getrefcount(True) > 10)  # expect: True
