# dir() of a module object lists its attributes sorted; a new module has only dunders.
import sys
mod = type(sys)("fresh")
print([n for n in dir(mod) if not n.startswith("__")])  # expect: []
mod.b = 1
mod.a = 2
print([n for n in dir(mod) if not n.startswith("__")])  # expect: ['a', 'b']
