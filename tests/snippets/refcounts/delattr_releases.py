# delattr (or del obj.attr) removes the instance's reference.
import sys

class Holder:
    pass

h = Holder()
item = []
setattr(h, "item", item)
print(sys.getrefcount(item))
delattr(h, "item")
print(sys.getrefcount(item))
