# Annotations: a module's and a class's __annotations__ dict, and a function's, made when the
# function is defined (an empty dict, made on first use, for one without any).
# profiles: 3.6+
import sys
x: int = 5
y: "str"
print(__annotations__)
class P:
    a: int
    b: float = 1.0
    def m(self, q: "P") -> None: pass
print(P.__annotations__, P.m.__annotations__, P.b)
def f(): pass
def g(a: int, *args: str, k: float = 1.0, **kw: dict) -> bool: pass
print(f.__annotations__, f.__annotations__ is f.__annotations__, g.__annotations__)
h = lambda z: z
print(h.__annotations__, sys.getrefcount(f.__annotations__))
