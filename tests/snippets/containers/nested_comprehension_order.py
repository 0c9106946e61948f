# Nested for clauses run left to right, like nested loops; if clauses filter.
pairs = [(i, j) for i in range(3) for j in range(i) if (i + j) % 2]
print(pairs)  # expect: [(1, 0), (2, 1)]
flat = [x for row in [[1, 2], [3]] for x in row]
print(flat)  # expect: [1, 2, 3]
