# A generator's return value travels in StopIteration.value.
def gen():
    yield 1
    return "result"

g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value)  # expect: result
    print(e.args)  # expect: ('result',)
