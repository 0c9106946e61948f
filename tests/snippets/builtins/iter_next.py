# iter() makes an iterator; next() advances it, with an optional default at the end.
it = iter([10, 20])
print(next(it), next(it), next(it, "done"))  # expect: 10 20 done
print(iter(it) is it)  # expect: True
values = iter([3, 2, 1, 0, 5])
print(list(iter(lambda: next(values), 0)))  # expect: [3, 2, 1]
iter(5)  # expect error: TypeError: 'int' object is not iterable
