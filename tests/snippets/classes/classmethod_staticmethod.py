# classmethods receive the class (the subclass, when called on one); staticmethods receive nothing.
class Base:
    @classmethod
    def make(cls):
        return cls.__name__
    @staticmethod
    def helper(x):
        return x * 2
class Sub(Base):
    pass

print(Base.make(), Sub.make())  # expect: Base Sub
print(Sub().make())  # expect: Sub
print(Base.helper(2), Sub().helper(3))  # expect: 4 6
