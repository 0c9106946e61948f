# An error while a class statement runs (here its bases make a call that fails) points at the
# whole statement, which ends where its last body statement ends: 3.13 shows its first line,
# "...<2 lines>..." and that last line, not the statement after the class.
# compare: traceback
def f():
    return 1
class A(f(), 2,
        3):
    x = 1
    y = 2
print("not reached")
