# Who holds a function's and a class's name. Up to 3.10 the qualified name is a constant the
# enclosing code loads for MAKE_FUNCTION (at the top level the name itself), and the code object
# has none; from 3.11 the code object holds co_qualname. The names are made by exec(), whose
# parser's references are gone once it returns, and this file never spells them (a script's
# parser holds one reference per mention while it runs), so the counts are the objects' own.
# profiles: 3.6+
# oracle: 64-bit
import sys
ns = {}
exec("def zq_func():\n    def zq_inner(): pass\n    return zq_inner\n"
     "class ZqClass(object):\n    def zq_method(self): pass\n", ns)
f = ns["".join(["zq_", "func"])]
cls = ns["".join(["Zq", "Class"])]
print(sys.getrefcount(f.__name__))
print(sys.getrefcount(f.__code__.co_name))
g = f()
print(g.__name__, sys.getrefcount(g.__name__))
print(g.__qualname__, sys.getrefcount(g.__qualname__))
print(sys.getrefcount(cls.__name__))
m = cls.__dict__["".join(["zq_", "method"])]
print(m.__qualname__, sys.getrefcount(m.__name__), sys.getrefcount(m.__qualname__))
