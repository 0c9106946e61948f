# How many dead objects of each kind a version keeps for the next one (its free lists): after
# 300 die, the new ones made one by one cost no traced memory (beyond what measuring costs) as
# long as the free list has some. 3.14 keeps bound methods (20), built-in methods (16), list and
# tuple iterators (10 each), ranges and range iterators (6 each), each count here one more (the
# warm-up's last object dies too); 3.9-3.13 keep none of them. The counts do not depend on the
# build's word size.
# profiles: 3.10+
import tracemalloc


class B(object):
    def nop(self):
        return 1


b = B()
L = []
T = (1,)
R = range(3)
Z = 7
kinds = [
    ("bound method", lambda: b.nop),
    ("built-in method", lambda: L.append),
    ("list iterator", lambda: iter(L)),
    ("tuple iterator", lambda: iter(T)),
    ("range", lambda: range(Z)),
    ("range iterator", lambda: iter(R)),
]


def peak(make):
    """The traced memory that making one object (kept) adds at its peak."""
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    made = make()
    return tracemalloc.get_traced_memory()[1] - before, made


def reused(make):
    """How many new objects come off the free list after 300 have died."""
    rep = [0] * 300
    held = [None] * 300
    for _ in rep[:3]:  # first runs of the code involved, and their one-off costs
        nothing = peak(lambda: None)[0]
        held[0] = peak(make)[1]
    dead = [make() for _ in rep]
    del dead
    n = 0
    while n < 300:
        cost, held[n] = peak(make)
        if cost != nothing:
            break
        n += 1
    return n


tracemalloc.start()
for name, make in kinds:
    print(name, reused(make))
