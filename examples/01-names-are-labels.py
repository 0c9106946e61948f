# Names are labels: `y = x` puts a second label on the same object, it copies nothing.
x = 3.14
y = x
print(x is y, id(x) == id(y))
x = x + 1          # a new float; only the label x moves
print(x, y, x is y)

a = [1, 2]
b = a              # one list, two labels
b.append(3)
print(a, a is b)
b = [1, 2, 3]      # rebinding b makes a new list: equal, not the same
print(a == b, a is b)
