# No markers when they would cover the whole line: `f()` alone up to 3.12; from 3.13 a call
# still gets `~^^`, but `x = f()` and `return f()` stay bare.
# compare: traceback
def inner():
    raise ValueError('no markers here: the raise is the whole statement')


def middle():
    return inner()


def outer():
    result = middle()
    return result


outer()
