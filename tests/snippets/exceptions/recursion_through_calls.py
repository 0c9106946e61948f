# A recursion through calls C makes (an instance's __call__, a class's __init__, __getattr__,
# a property's getter) counts toward the limit as each version counts (see
# recursion_through_dunders.py). Printed: levels gained for 60 more of the limit, and the
# messages over six neighbouring limits.
# oracle: native-stack
import sys
class C:
    def __call__(self): n[0] += 1; return self()
class I:
    def __init__(self): n[0] += 1; I()
class G:
    def __getattr__(self, name): n[0] += 1; return getattr(self, name)
class P:
    @property
    def x(self): n[0] += 1; return self.x
def depth(run, limit):
    sys.setrecursionlimit(limit)
    n[0] = 0
    try:
        run()
    except RecursionError as e:
        return n[0], str(e)[len('maximum recursion depth exceeded'):]

n = [0]
RUNS = [('call', lambda: C()()), ('init', I), ('getattr', lambda: G().x), ('property', lambda: P().x)]
for name, run in RUNS:
    low = [depth(run, 400 + i) for i in range(6)]
    high = [depth(run, 460 + i) for i in range(6)]
    gained = high[-1][0] - low[-1][0]  # each warmed up (3.11+ specializes code as it runs)
    print(name, gained or 'stops at a C limit of its own', sorted(set(m for _, m in low + high)))
sys.setrecursionlimit(1000)
