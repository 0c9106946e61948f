# gc.get_referents lists what an object refers to, in its traversal order.
import gc
x, y = [1], [2]
container = [x, y]
refs = gc.get_referents(container)
print(len(refs))
print(refs[0] is x, refs[0] is y)
print(gc.get_referents({"k": x})[-1] is x)
