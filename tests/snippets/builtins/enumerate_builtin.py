# enumerate pairs each item with a counter, starting at 0 or a given start.
print(list(enumerate("ab")))  # expect: [(0, 'a'), (1, 'b')]
print(list(enumerate("ab", start=1)))  # expect: [(1, 'a'), (2, 'b')]
print(["%d:%s" % (i, w) for i, w in enumerate(["x", "y"])])  # expect: ['0:x', '1:y']
print(type(enumerate([])).__name__)  # expect: enumerate
