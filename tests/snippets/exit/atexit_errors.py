# A function registered with atexit that raises does not stop the others; how the error is
# reported changed in 3.10 and again in 3.13 (the snippet runner compares stderr's last line).
# profiles: 3.6-3.13
import atexit, sys


def fails():
    print("fails")
    raise ValueError("boom")


def exits():
    print("exits")
    sys.exit(5)


atexit.register(print, "last")
atexit.register(fails)
atexit.register(exits)
print("end")
