# callable() is true for functions, classes, methods and objects with __call__.
class C:
    def m(self):
        pass
class F:
    def __call__(self):
        return 1
print(callable(len), callable(C), callable(C().m))  # expect: True True True
print(callable(F()), callable(C()), callable(None))  # expect: True False False
print(callable(lambda: 0), callable("str"))  # expect: True False
