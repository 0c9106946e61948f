# How big set copies and sets built from sets, dicts and iterables are.
# oracle: 64-bit
# profiles: 3.8+
import sys
for n in (0, 3, 5, 6, 20):
    s = set(range(n))
    d = dict.fromkeys(range(n))
    print(n, sys.getsizeof(s), sys.getsizeof(s.copy()), sys.getsizeof(set(d)), sys.getsizeof(frozenset(s)),
          sys.getsizeof(s | {100}), sys.getsizeof(s & set(range(3))), sys.getsizeof(s - {1}))
u = set(range(20))
for i in range(15):
    u.discard(i)
print(sys.getsizeof(u), sys.getsizeof(u.copy()))
u -= {16}
print(sys.getsizeof(u))
