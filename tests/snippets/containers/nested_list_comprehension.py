# A comprehension builds a fresh inner list for each row, so rows are independent.
# profiles: all
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)  # expect: [[1, 0, 0], [0, 0, 0], [0, 0, 0]]
print(grid[0] is grid[2])  # expect: False
