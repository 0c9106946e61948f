# What a function object holds, in tp_traverse's order (gc.get_referents): its code, globals,
# (3.10+) builtins, module name, docstring (None when it has none), name, annotations (3.10-3.13
# a tuple of name/value pairs until first read, 3.14 the __annotate__ function, cached dict
# after) and qualified name. Each of them stays alive as long as the function does.
import gc


def plain():
    pass


def typed(a: int) -> str:
    """Doc."""


for f in (plain, typed):
    print(f.__name__, [type(r).__name__ for r in gc.get_referents(f)])
typed.__annotations__
print('read', [type(r).__name__ for r in gc.get_referents(typed)])
