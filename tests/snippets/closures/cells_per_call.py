# Every call of the outer function creates new cells, so closures from different calls are independent.
def make(v):
    def get():
        return v
    return get

a, b = make([1]), make([1])
print(a() == b(), a() is b())  # expect: True False
print(a.__closure__[0] is b.__closure__[0])  # expect: False
print(a.__code__ is b.__code__)  # expect: True
