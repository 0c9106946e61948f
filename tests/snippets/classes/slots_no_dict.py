# __slots__ replaces the per-instance __dict__ with fixed fields: no new attributes.
class P:
    __slots__ = ("x", "y")

p = P()
p.x = 1
print(hasattr(p, "__dict__"))
print(p.x)
p.z = 3
