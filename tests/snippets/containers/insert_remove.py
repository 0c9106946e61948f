# insert shifts items right; remove deletes the first equal item.
l = ["a", "b", "c"]
l.insert(0, "z")
l.insert(100, "end")
print(l)  # expect: ['z', 'a', 'b', 'c', 'end']
l.remove("b")
print(l)  # expect: ['z', 'a', 'c', 'end']
l.insert(-1, "x")
print(l)  # expect: ['z', 'a', 'c', 'x', 'end']
