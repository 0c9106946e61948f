# A function that calls itself through exec(): up to 3.11 the compiler starts counting at the
# caller's recursion depth, three to a level, so deep enough in the recursion compiling "f()"
# fails ("during compilation"); 3.12+ count C levels apart and stop at the frames' limit.
# Printed: levels gained for 60 more of the limit, and the messages over six neighbouring limits.
import sys

def f():
    n[0] += 1
    exec('f()')

def depth(limit):
    sys.setrecursionlimit(limit)
    n[0] = 0
    try:
        f()
    except RecursionError as e:
        return n[0], str(e)[len('maximum recursion depth exceeded'):]

n = [0]
low = [depth(400 + i) for i in range(6)]
high = [depth(460 + i) for i in range(6)]
print(high[-1][0] - low[-1][0], sorted(set(m for _, m in low + high)))
sys.setrecursionlimit(1000)
