# A generator that yields again after GeneratorExit makes close() raise RuntimeError.
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("exit seen")
        yield 2

g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print(g.gi_frame is None)
