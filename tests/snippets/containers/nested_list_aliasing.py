# [[0] * 3] * 3 repeats one inner list three times: changing one row changes "all" rows.
# profiles: all
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)  # expect: [[1, 0, 0], [1, 0, 0], [1, 0, 0]]
print(grid[0] is grid[2])  # expect: True
