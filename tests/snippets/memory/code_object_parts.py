# Besides its tuples a code object holds bytes objects, each a block of its own: up to 3.10 its
# bytecode (co_code) and line table (co_lnotab; 3.10 co_linetable), from 3.11 its position and
# exception tables (co_exceptiontable the shared b'' without a handler; bytecode inline). Their
# lengths follow CPython's encodings: exact for small functions (cpydiff/code_object_parts.md).
# oracle: 64-bit
import sys
def noop():
    pass
def add(a, b):
    c = a + b
    return c
def guarded(x):
    try:
        return x.value
    except AttributeError:
        return None
def loop(items):
    total = 0
    for item in items:
        if item > 2:
            total += item
    return total
v = sys.version_info[:2]
names = ('co_code', 'co_linetable' if v == (3, 10) else 'co_lnotab')
if v >= (3, 11): names = ('co_linetable', 'co_exceptiontable')
for f in (noop, add, guarded, loop):
    parts = [getattr(f.__code__, name) for name in names]
    print(f.__name__, [type(p).__name__ for p in parts], ['b""' if p is b'' else 'own block' for p in parts])
    if f in (noop, add):
        print('   ', [len(p) for p in parts], [sys.getsizeof(p) for p in parts])
