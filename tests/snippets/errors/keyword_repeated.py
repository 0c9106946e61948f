# The same keyword twice in one call; 3.9+ names it.
def f(**kw):
    return kw

print(f(a=1))
f(a=1, a=2)
