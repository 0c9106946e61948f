# `[[0] * 3] * 3` copies one reference three times: the three rows are one list.
import sys
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
print(grid[0] is grid[1], grid[1] is grid[2])
row = grid[0]
print(sys.getrefcount(row) - 1)   # three slots and the name row

fixed = [[0] * 3 for _ in range(3)]   # a new row each time round
fixed[0][0] = 1
print(fixed)
print(fixed[0] is fixed[1])
