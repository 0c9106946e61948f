# Each attribute access to a method creates a new bound method object, so `is` is False
# although `==` is True; in 3.x the function in the class is one object.
# profiles: all
class A:
    def f(self):
        return 1

a = A()
print(a.f is a.f)
print(a.f == a.f)
print(A.f is A.f)
print(a.f.__func__ is A.__dict__["f"])
