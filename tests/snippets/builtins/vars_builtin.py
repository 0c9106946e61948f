# vars(obj) is obj.__dict__; objects without one raise TypeError.
class C:
    def __init__(self):
        self.a = 1

c = C()
print(vars(c))  # expect: {'a': 1}
vars(c)["b"] = 2
print(c.b)  # expect: 2
vars(5)  # expect error: TypeError: vars() argument must have __dict__ attribute
