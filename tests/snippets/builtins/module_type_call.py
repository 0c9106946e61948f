# type(sys) is the module type: calling it makes a new, empty module with a name and a doc.
import sys
m = type(sys)("made", "its doc")
print(m.__name__, m.__doc__)
m.x = 1
print(sorted(n for n in vars(m) if not n.startswith("__")))
print(type(sys)("plain").__doc__)
