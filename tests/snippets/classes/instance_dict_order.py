# An instance's attributes live in a dict (vars(obj)) in assignment order.
class C:
    def __init__(self):
        self.b = 2
        self.a = 1

c = C()
c.z = 26
print(vars(c))  # expect: {'b': 2, 'a': 1, 'z': 26}
print(c.__dict__ is vars(c))  # expect: True
vars(c)["a"] = 100
print(c.a)  # expect: 100
