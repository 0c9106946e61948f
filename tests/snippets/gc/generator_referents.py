# What a generator refers to, suspended and running. 2.7's generator holds its code and frame
# only (its __name__ is its code's); 3.x's holds its name and qualified name too. From 3.11 the
# frame lives in the generator, which visits its locals and stack only while it is suspended:
# running, the interpreter holds them (the frame's stacktop is -1).
# profiles: all
import gc
class K(object):
    pass
def gen():
    y = K()
    yield sorted(type(o).__name__ for o in gc.get_referents(g))
    yield 1
g = gen()
print(next(g))
print(sorted(type(o).__name__ for o in gc.get_referents(g)))
print(g.__name__, repr(g).split(" at ")[0])
