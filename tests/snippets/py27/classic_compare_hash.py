# Classic instances compare by their rich methods, else by __cmp__ (of either side), else by
# identity; one with __eq__ or __cmp__ but no __hash__ is unhashable.
# profiles: 2.7
class E:
    def __cmp__(self, o): return -1
e = E()
print e < 1, e > 1, e == e, 1 < e, 1 > e
try:
    hash(e)
except TypeError as ex:
    print ex
class Q:
    def __eq__(self, o): return True
try:
    {Q(): 1}
except TypeError as ex:
    print ex
class Plain: pass
p = Plain()
print p == p, Plain() == Plain(), p != Plain(), hash(p) == hash(p), {p: 1}[p]
class C:
    def __init__(self, v): self.v = v
    def __cmp__(self, o): return cmp(self.v, o.v)
print sorted([C(3), C(1), C(2)])[0].v, C(1) == C(1), C(1) < C(2), max(C(5), C(9)).v
