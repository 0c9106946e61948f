# A generator cannot resume itself: ValueError while it is running.
def gen():
    print(g.gi_running)
    try:
        next(g)
    except ValueError as e:
        print(e)
    yield 1

g = gen()
next(g)
print(g.gi_running)
