# `==` asks the objects whether their values are equal; `is` asks whether they are one object.
a = [1, 2, 3]
b = [1, 2, 3]
c = a
print(a == b, a is b)
print(a == c, a is c)

nan = float("nan")
print(nan == nan, nan is nan)     # NaN is not equal even to itself

class Agreeable(object):
    def __eq__(self, other):
        return True               # == can be made to say anything...

thing = Agreeable()
print(thing == None, thing is None)   # ...`is` cannot: use it for None
print(None is None, type(None)() is None)
