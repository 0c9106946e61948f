# Closing a generator that never ran: 3.12+ marks it finished but keeps its arguments until it dies.
import sys

def gen(x):
    yield x

a = []
g = gen(a)
g.close()
print(sys.getrefcount(a), g.gi_frame)
del g
print(sys.getrefcount(a))
