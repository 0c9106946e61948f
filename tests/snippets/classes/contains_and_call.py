# `in` uses __contains__; calling an instance uses __call__.
class Evens:
    def __contains__(self, n):
        return n % 2 == 0
    def __call__(self, n):
        return n * 2

e = Evens()
print(4 in e, 5 in e)  # expect: True False
print(e(21))  # expect: 42
print(callable(e), callable(4))  # expect: True False
