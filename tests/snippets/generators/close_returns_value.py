# 3.13+: close() returns what the generator returns on GeneratorExit; before, always None.
def gen():
    try:
        yield 1
    except GeneratorExit:
        return "bye"

g = gen()
next(g)
print(g.close())
print(g.close())
