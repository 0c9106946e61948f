# Copying a tuple of immutable items returns the tuple itself; a tuple holding a list is
# rebuilt by deepcopy.
import copy
t = (1, "a", (2, 3))
print(copy.copy(t) is t)  # expect: True
print(copy.deepcopy(t) is t)  # expect: True
u = (1, [2])
print(copy.copy(u) is u)  # expect: True
du = copy.deepcopy(u)
print(du is u, du[1] is u[1], du == u)  # expect: False False True
