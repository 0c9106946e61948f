# atexit runs its functions last registered first, before anything else the exit does: the
# objects they hold die when they have run, __main__'s globals after that.
# profiles: 3.6-3.13
import atexit


class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def close(res, how="normally"):
    print("close", res.name, how)


kept = Res("kept")
before = atexit._ncallbacks()  # a site-packages .pth may have registered some already
atexit.register(close, Res("first"))
atexit.register(close, Res("second"), how="by keyword")
r = atexit.register(close, Res("dropped"))
print(r is close, atexit._ncallbacks() - before)
atexit.unregister(close)
atexit.register(close, kept)
print("end")
