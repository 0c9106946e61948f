# Python 2's three-argument raise re-raises with a saved traceback: it still points where the
# error first happened, not at the raise; None as the third argument starts a new one.
# profiles: 2.7
import sys
def inner():
    raise ValueError("inner")
try:
    inner()
except ValueError:
    saved = sys.exc_info()
def lines(tb):
    out = []
    while tb is not None:
        out.append(tb.tb_lineno)
        tb = tb.tb_next
    return out
try:
    raise saved[0], saved[1], saved[2]
except ValueError:
    print lines(sys.exc_info()[2])  # expect: [8, 6]
try:
    raise ValueError, "again", None
except ValueError as e:
    print e, lines(sys.exc_info()[2])  # expect: again [22]
