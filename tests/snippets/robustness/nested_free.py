# Freeing a container nested 100,000 deep: CPython's trashcan puts the deallocations aside past
# 50 levels and finishes them afterwards, so the native stack never holds the whole chain.
# oracle: native-stack
import gc
l = []
for i in range(100000):
    l = [l]
t = ()
for i in range(100000):
    t = (t, i)
d = {}
for i in range(100000):
    d = {'d': d}
l = t = d = None
print('freed', gc.collect())
