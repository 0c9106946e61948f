# A decorator is a closure around the original function.
def counted(fn):
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)
    wrapper.calls = 0
    return wrapper

@counted
def add(a, b):
    return a + b

print(add(1, 2), add(3, 4))  # expect: 3 7
print(add.calls)  # expect: 2
print(add.__name__)  # expect: wrapper
