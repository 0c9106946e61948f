# Python 2's keys(), values() and items() return new lists; iteritems() is the lazy version.
# profiles: 2.7
d = {1: "a", 2: "b"}
k = d.keys()
print type(k).__name__, sorted(k)  # expect: list [1, 2]
d[3] = "c"
print len(k)  # expect: 2
print d.has_key(3)  # expect: True
print sorted(d.iteritems())  # expect: [(1, 'a'), (2, 'b'), (3, 'c')]
