# A recursion through dunders that C calls (repr(), ==, len()) counts toward the limit as each
# version counts: up to 3.11 each C-level check shares the limit with Python frames; 3.12
# counts them apart, against a limit setrecursionlimit does not move; 3.13's is far off.
# Printed: levels gained for 60 more of the limit, and the messages over six neighbouring limits.
# oracle: native-stack
import sys
class R:
    def __repr__(self): n[0] += 1; return repr(self)
class E:
    def __eq__(self, other): n[0] += 1; return self == other
class L:
    def __len__(self): n[0] += 1; return len(self)

def depth(run, limit):
    sys.setrecursionlimit(limit)
    n[0] = 0
    try:
        run()
    except RecursionError as e:
        return n[0], str(e)[len('maximum recursion depth exceeded'):]

n = [0]
RUNS = [('repr', lambda: repr(R())), ('eq', lambda: E() == E()), ('len', lambda: len(L()))]
for name, run in RUNS:
    low = [depth(run, 400 + i) for i in range(6)]
    high = [depth(run, 460 + i) for i in range(6)]
    gained = high[-1][0] - low[-1][0]  # each warmed up (3.11+ specializes code as it runs)
    print(name, gained or 'stops at a C limit of its own', sorted(set(m for _, m in low + high)))
sys.setrecursionlimit(1000)
