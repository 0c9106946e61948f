# Starred targets collect the rest into a list, wherever the star sits.
a, *b, c = range(5)
print(a, b, c)  # expect: 0 [1, 2, 3] 4
*head, tail = "abc"
print(head, tail)  # expect: ['a', 'b'] c
first, *rest = [1]
print(first, rest)  # expect: 1 []
