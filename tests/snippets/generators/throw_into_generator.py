# throw() raises an exception at the paused yield; the generator may handle it and continue.
def gen():
    while True:
        try:
            yield "ok"
        except ValueError as e:
            print("handled", e)

g = gen()
print(next(g))
print(g.throw(ValueError("boom")))
print(next(g))
