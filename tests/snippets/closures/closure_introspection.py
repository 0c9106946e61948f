# A function's free variables are named in co_freevars and held in __closure__ cells.
def outer():
    a = [1]
    b = "two"
    def inner():
        return a, b
    return inner

f = outer()
print(f.__code__.co_freevars)  # expect: ('a', 'b')
print([c.cell_contents for c in f.__closure__])  # expect: [[1], 'two']
print(outer.__closure__)  # expect: None
