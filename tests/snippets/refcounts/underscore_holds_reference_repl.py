# At the prompt an echoed value is also stored in `_`, one more reference to it, until the
# next echoed value replaces it.
# mode: repl
import sys
a = []
sys.getrefcount(a)
a
sys.getrefcount(a)
sys.getrefcount(a)
