# min() and max() of an empty iterable raise ValueError; the wording changed in 3.12, and
# default= avoids the error altogether.
print(max([], default=None))
try:
    min([])
except ValueError as e:
    print(e)
max(x for x in [])
