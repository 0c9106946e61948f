# A class with only __getitem__ is iterable: Python calls it with 0, 1, 2... until IndexError.
class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i

print(list(Squares()))  # expect: [0, 1, 4, 9]
print(9 in Squares())  # expect: True
total = 0
for x in Squares():
    total += x
print(total)  # expect: 14
