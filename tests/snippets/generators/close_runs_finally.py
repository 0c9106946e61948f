# close() raises GeneratorExit at the paused yield, so finally blocks run.
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

g = gen()
print(next(g))  # expect: 1
g.close()  # expect: cleanup
print(next(g, "exhausted"))  # expect: exhausted
