# An error inside a generator: its frame comes after the frame that resumed it, each marked.
# compare: traceback
def halves(values):
    for v in values:
        yield 1 / v


print(list(halves([2, 1, 0])))
