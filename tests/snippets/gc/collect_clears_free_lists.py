# A full collection empties the free lists (3.x: lists, dicts, tuples, floats; 2.7: tuples,
# but not lists or dicts): a container made right after gc.collect() is then a new GC
# allocation, which gen 0's count shows (get_count's own result tuple adds one).
import gc

def probe(make):
    x = make()
    x = make()
    del x
    gc.collect()
    before = gc.get_count()[0]
    y = make()
    return gc.get_count()[0] - before

print('list %d' % probe(lambda: [1]))
print('dict %d' % probe(lambda: {1: 2}))
print('set %d' % probe(lambda: set([1])))
print('tuple %d' % probe(lambda: (object(),)))
