# atexit keeps a reference to each registered function and its arguments until the exit:
# an object only a registration holds lives on, and _run_exitfuncs() runs and drops them.
# profiles: 3.6-3.13
import atexit, sys


class Res:
    def __del__(self):
        print("Res freed")


def use(res, **options):
    print("use", type(res).__name__, sorted(options))


atexit._clear()  # drops what a site-packages .pth may have registered
print(sys.getrefcount(use))
atexit.register(use, Res(), quiet=True)
print(sys.getrefcount(use))
atexit._run_exitfuncs()
print(sys.getrefcount(use), atexit._ncallbacks())
