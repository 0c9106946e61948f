# What a classic instance raises where a method is missing or misbehaves: AttributeError for a
# missing special method (its lookup fails), TypeError for what CPython checks.
# profiles: 2.7
class N:
    pass
class S:
    def __init__(self): return 1
class L:
    def __len__(self): return -1
class A:
    def __init__(self, v): self.v = v
tests = [lambda: len(N()), lambda: N() + 1, lambda: [i for i in N()], lambda: N()(), lambda: N(1),
         lambda: S(), lambda: len(L()), lambda: A(), lambda: N().missing, lambda: N.missing,
         lambda: A.__init__(3, 1), lambda: N()[0], lambda: -N()]
for t in tests:
    try:
        t()
    except (TypeError, AttributeError, ValueError) as e:
        print type(e).__name__, e
