# Python 2's atexit is Python code: register() appends to a list, and sys.exitfunc runs it at
# exit, printing what a function raises, then raising the last error again for the exit to
# print after "Error in sys.exitfunc:".
# profiles: 2.7
import atexit, sys


def fails():
    print "fails"
    raise ValueError("boom")


atexit.register(fails)
atexit.register(sys.stdout.write, "written\n")
print sys.exitfunc.__name__, len(atexit._exithandlers)
print "end"
