# A mutable class attribute is one object shared by every instance.
class Bag:
    items = []

    def add(self, x):
        self.items.append(x)

a, b = Bag(), Bag()
a.add(1)
b.add(2)
print(a.items, b.items)  # expect: [1, 2] [1, 2]
print(a.items is Bag.items)  # expect: True
