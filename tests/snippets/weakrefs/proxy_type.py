# Proxies are their own types; isinstance sees through nothing, but operations forward.
import weakref
class Box:
    def __init__(self):
        self.items = [1, 2]
    def __len__(self):
        return len(self.items)

b = Box()
p = weakref.proxy(b)
print(type(p).__name__)
print(len(p), p.items)
print(isinstance(p, Box))
