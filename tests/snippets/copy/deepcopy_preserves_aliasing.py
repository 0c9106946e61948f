# deepcopy's memo keeps shared structure shared: two references to one list stay two
# references to one (new) list.
import copy
shared = [0]
pair = [shared, shared]
dup = copy.deepcopy(pair)
print(dup[0] is dup[1])  # expect: True
print(dup[0] is shared)  # expect: False
dup[0].append(1)
print(dup)  # expect: [[0, 1], [0, 1]]
