# __new__ creates the object, __init__ then initialises it; __init__ is skipped if __new__
# returns an object of another class.
class C:
    def __new__(cls, *args):
        print("new", args)  # expect: new (5,)
        return super().__new__(cls)
    def __init__(self, x):
        print("init", x)  # expect: init 5

c = C(5)
print(type(c).__name__)  # expect: C
