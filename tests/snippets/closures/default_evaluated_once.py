# Default values are computed once at definition time, even when that has side effects.
calls = []

def stamp():
    calls.append(len(calls))
    return len(calls)

def f(v=stamp()):
    return v

print(f(), f(), f())  # expect: 1 1 1
print(calls)  # expect: [0]
