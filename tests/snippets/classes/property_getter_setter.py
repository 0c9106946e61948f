# A property routes attribute access through methods; the value lives elsewhere.
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def f(self):
        return self._c * 9 / 5 + 32
    @f.setter
    def f(self, value):
        self._c = (value - 32) * 5 / 9

t = Temp()
print(t.f)  # expect: 32.0
t.f = 212
print(t._c)  # expect: 100.0
print(vars(t))  # expect: {'_c': 100.0}
