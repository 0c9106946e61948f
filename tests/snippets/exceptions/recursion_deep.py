# With the limit raised, Python-to-Python calls run thousands deep, whatever the host's stack
# (a browser's worker gives the lab about 500 KB), and each level counts once toward the limit.
# Up to 3.10 the caller's stack keeps its reference to an argument during the call; 3.11+ moves
# it into the callee's frame.
import sys

def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n

def total(n):
    return 0 if n == 0 else n + total(n - 1)

def chain(n, acc):
    if n == 0:
        return len(acc), sys.getrefcount(acc)
    acc.append(n)
    return chain(n - 1, acc)

sys.setrecursionlimit(5000)
low = depth(0)
sys.setrecursionlimit(6000)
print(depth(0) - low)
print(total(4000))
print(chain(4000, []))
