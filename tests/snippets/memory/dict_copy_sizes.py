# How big copies, merges and fromkeys dicts are: copy() clones the table (3.7+) unless a third
# of it is deleted entries; fromkeys of a dict or set presizes for the keys.
# oracle: 64-bit
# profiles: 3.8+
import sys
def ints(n):
    return dict((i, i) for i in range(n))
for n in (0, 1, 5, 6, 11, 22):
    d = ints(n)
    holes = ints(n)
    for i in range(n // 2):
        del holes[i]
    merged = {-1: 0}
    merged.update(d)
    print(n, sys.getsizeof(d.copy()), sys.getsizeof(dict(d)), sys.getsizeof(holes.copy()),
          sys.getsizeof(merged), sys.getsizeof(dict.fromkeys(d)), sys.getsizeof(dict.fromkeys(set(d))),
          sys.getsizeof(dict.fromkeys(list(d))))
strs = dict(("k%d" % i, i) for i in range(6))
print(sys.getsizeof(strs.copy()), sys.getsizeof(dict(**strs)), sys.getsizeof(dict.fromkeys(strs)))
