# repr of a list nested 100,000 deep raises RecursionError (CPython guards the C recursion of
# repr); building the nesting is fine.
# oracle: native-stack
l = []
for i in range(100000):
    l = [l]
try:
    repr(l)
except RecursionError as e:
    print('RecursionError', e)
d = {}
for i in range(100000):
    d = {1: d}
try:
    print(d)
except RecursionError as e:
    print('RecursionError', e)
print('done')
