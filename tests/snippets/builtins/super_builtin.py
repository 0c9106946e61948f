# super() without arguments finds the next class in the MRO of the instance's class.
class A:
    def hello(self):
        return "A"
class B(A):
    def hello(self):
        return "B+" + super().hello()
class C(B):
    def hello(self):
        return "C+" + super(B, self).hello()

print(B().hello(), C().hello())  # expect: B+A C+A
