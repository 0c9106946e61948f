# Python 2's range() builds a list; xrange() is the lazy version.
# profiles: 2.7
r = range(3)
x = xrange(3)
print r, type(r).__name__  # expect: [0, 1, 2] list
print type(x).__name__, list(x)  # expect: xrange [0, 1, 2]
print map(str, r)  # expect: ['0', '1', '2']
print zip("ab", r)  # expect: [('a', 0), ('b', 1)]
