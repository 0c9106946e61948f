# A saved exception keeps its traceback, the traceback its frames, and each frame its caller
# (f_back): a local of a function that called the raising one outlives its return.
# profiles: 3.6-3.14
import sys


class Big:
    def __del__(self):
        print("Big freed")


def h():
    global saved
    try:
        raise ValueError("x")
    except ValueError as e:
        saved = e


def f():
    big = Big()
    h()


saved = None
f()
print("f returned")
print(saved.__traceback__.tb_frame.f_back.f_code.co_name)
saved = None
print("saved cleared")
