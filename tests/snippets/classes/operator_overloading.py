# __add__ handles obj + x; __radd__ handles x + obj, which is how sum() starting at 0 works.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        return Money(self.cents + (other.cents if isinstance(other, Money) else other))
    __radd__ = __add__
    def __repr__(self):
        return "Money(%d)" % self.cents

print(Money(5) + Money(7))  # expect: Money(12)
print(3 + Money(1))  # expect: Money(4)
print(sum([Money(1), Money(2), Money(3)]))  # expect: Money(6)
