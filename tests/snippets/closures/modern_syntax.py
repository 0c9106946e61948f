# Syntax from 3.8 on: assignment expressions, positional-only parameters, f-string '=', unpacking
# in calls, displays and assignments.
# profiles: 3.8+
import sys
if (n := 5) > 3:
    print("walrus", n)
def po(a, b, /, c, *, d=4):
    return a, b, c, d
print(po(1, 2, 3), po(1, 2, c=3, d=5))
try:
    po(a=1, b=2, c=3)
except TypeError as e:
    print(e)
x: int = 5
def ann(a: int, b: "str" = "x") -> list:
    return [a, b]
print(ann(1), ann.__annotations__)
print(f"{n=}", f"{n!r:>4}", f"{3.14159:.2f}", f"{'nested ' + f'{n}'}")
print(*[1, 2], *"ab", sep="-")
d = {**{"a": 1}, "b": 2}
print(d, [*range(3), *"xy"], {*"aba"} == {"a", "b"})
a, *b, c = range(5)
print(a, b, c)
lam = lambda *a, **k: (a, k)
print(lam(1, x=2))
print(1_000_000, 0b1010, 0o17, 0xff, 1e3, 2j * 2j)
print([i for i in range(3) if (j := i * 2) > 0], j)
