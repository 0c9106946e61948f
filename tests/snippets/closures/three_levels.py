# Closures nest: the innermost function sees variables of every enclosing function.
def a():
    x = "a"
    def b():
        y = "b"
        def c():
            return x + y + "c"
        return c
    return b

print(a()()())  # expect: abc
print(a()().__code__.co_freevars)  # expect: ('x', 'y')
