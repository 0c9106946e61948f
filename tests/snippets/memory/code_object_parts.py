# Besides its tuples a code object holds bytes objects, each a block of its own: up to 3.10 its
# bytecode (co_code) and line table (co_lnotab; 3.10 co_linetable), from 3.11 its position table
# (co_linetable) and exception table (co_exceptiontable, the shared b'' when it has no handler),
# the bytecode then being inline. So each function defined leaves them in the pools too. Their
# lengths follow CPython's encodings: exact for small functions, close for others
# (tests/cpydiff/code_object_parts.md).
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

if sys.version_info >= (3, 11):
    names = ('co_linetable', 'co_exceptiontable')
elif sys.version_info >= (3, 10):
    names = ('co_code', 'co_linetable')
else:
    names = ('co_code', 'co_lnotab')
for f in (noop, add, guarded, loop):
    parts = [getattr(f.__code__, name) for name in names]
    print(f.__name__, [type(p).__name__ for p in parts], ['b""' if p is b'' else 'own block' for p in parts])
    if f in (noop, add):
        print('   ', [len(p) for p in parts], [sys.getsizeof(p) for p in parts])
