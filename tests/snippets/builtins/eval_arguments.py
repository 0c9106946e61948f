# eval(): a source of one expression, run in the caller's namespaces or given ones, and its errors.
# profiles: all
import sys
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__ + ":", e)
t(lambda: eval("1 + 2"))
t(lambda: eval("  x * 2", {"x": 21}))
t(lambda: eval("x", {}, {"x": 5}))
t(lambda: eval("y", {"y": 1}, None))
t(lambda: eval(5))
t(lambda: eval("1", 5))
t(lambda: eval("1", {}, 5))
t(lambda: eval("1", globals={}))
t(lambda: eval())
t(lambda: eval("1", {}, {}, 4))
t(lambda: eval("nope"))
t(lambda: eval(b"2 ** 10"))
t(lambda: eval("\t[1, 2]"))
a = eval("1000"); print(sys.getrefcount(a), a is eval("1000"), eval("'hello'") == "hello")
def f():
    z = 3
    return eval("z + 1")
print(f())
g = {}
eval("1", g); print(sorted(g))
