# A positional-only parameter (3.8+) named by a keyword: CPython lists every such name, in the
# parameters' order, unless **kwargs takes them; another unknown name alone is unexpected.
# profiles: 3.8+
def po(a, b, /, c, *, d=4):
    return a, b, c, d
def pk(a, /, **kw):
    return a, kw
for call in [lambda: po(a=1, b=2, c=3), lambda: po(1, b=2, c=3), lambda: pk(1, a=2), lambda: po(1, 2, c=3, e=1), lambda: po(1, 2, a=1, c=3)]:
    try:
        print(call())
    except TypeError as e:
        print(e)
po = None
def po(a, b, /, c): pass
try:
    po(b=2, a=1, c=3)
except TypeError as e:
    print(e)
