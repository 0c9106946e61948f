# __iter__ returns an iterator; __next__ raises StopIteration to end the loop.
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

c = Countdown(3)
print(list(c))  # expect: [3, 2, 1]
print(list(c))  # expect: []
