# Growing a list may move its item array; the list object itself keeps its id.
l = []
start = id(l)
for i in range(1000):
    l.append(i)
print(id(l) == start)  # expect: True
l.clear()
print(id(l) == start, len(l))  # expect: True 0
