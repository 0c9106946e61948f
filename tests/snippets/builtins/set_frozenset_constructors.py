# set() and frozenset() remove duplicates; sets of small ints print in numeric order.
print(set([3, 1, 3, 2]))  # expect: {1, 2, 3}
print(frozenset([2, 2, 1]))  # expect: frozenset({1, 2})
print(set(), frozenset())  # expect: set() frozenset()
print(len(set("mississippi")))  # expect: 4
print(sorted(set("mississippi")))  # expect: ['i', 'm', 'p', 's']
