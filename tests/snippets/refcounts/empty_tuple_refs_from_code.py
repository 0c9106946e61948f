# Each code object refers to the empty tuple where a tuple of its names is empty: up to 3.10
# co_names, co_varnames, co_freevars and co_cellvars; 3.11 co_names and co_localsplusnames (one
# tuple for the three); 3.12+ cannot tell (the empty tuple is immortal). Functions compiled at
# run time by exec, so that their code objects are new.
# profiles: 3.6+
import sys
ns = {}
for source in ["def f():\n    return 1",
               "def g(a, b):\n    return a",
               "def h():\n    x = 1\n    def inner():\n        return x\n    return inner",
               "k = lambda: len"]:
    base = sys.getrefcount(())
    exec(source, ns)
    print(sys.getrefcount(()) - base)
