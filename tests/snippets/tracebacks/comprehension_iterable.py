# A comprehension over a non-iterable: 3.11/3.12 mark the whole comprehension, 3.13 just the
# iterable.
# compare: traceback
limit = 5
squares = [n * n for n in limit]
