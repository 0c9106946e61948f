# A ring of 50 dicts linked through a "next" key: the collector frees all 50 at once.
import gc
gc.collect()
head = node = {}
for i in range(49):
    node["next"] = {}
    node = node["next"]
node["next"] = head
del head, node
print(gc.collect())
print(gc.collect())
