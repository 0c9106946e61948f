# A built-in type's __new__ is a built-in method bound to the type (object.__new__, int.__new__):
# what a class's own __new__ calls, directly or through super(), with CPython's checks.
class Single(object):
    _instance = None
    def __new__(cls):
        if cls._instance is None:
            cls._instance = super(Single, cls).__new__(cls)
        return cls._instance

print(Single() is Single())
print(type(object.__new__(Single)).__name__)
print(int.__new__(int, 5) + 1)
print(type(object.__new__).__name__)
for bad in (lambda: object.__new__(1), lambda: int.__new__(str), lambda: object.__new__(), lambda: object.__new__(int)):
    try:
        bad()
    except TypeError as e:
        print(e)
