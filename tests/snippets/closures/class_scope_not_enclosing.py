# A class body is not an enclosing scope for its methods: they cannot see class variables
# by bare name (3.12+ suggests self.x).
class A:
    x = 1
    def f(self):
        return x

print(A.x)
A().f()
