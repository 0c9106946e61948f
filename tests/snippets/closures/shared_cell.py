# Two closures made by one call share the same cell: a change through one is seen by the other.
def make():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get

inc, get = make()
inc()
inc()
print(get())  # expect: 2
print(inc.__closure__[0] is get.__closure__[0])  # expect: True
