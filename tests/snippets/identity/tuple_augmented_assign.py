# Tuples are immutable: `t += (2,)` binds t to a new tuple, and the old name still sees the old one.
# profiles: all
t = (1,)
u = t
t += (2,)
print(t is u)  # expect: False
print(u)  # expect: (1,)
print(t)  # expect: (1, 2)
