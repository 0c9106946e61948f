# A return in finally replaces the return value of the try block.
def f():
    try:
        return "try"
    finally:
        return "finally"

def g():
    try:
        1 / 0
    finally:
        return "swallowed"

print(f())
print(g())
