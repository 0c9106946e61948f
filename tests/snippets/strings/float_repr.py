# Floats print their shortest round-tripping repr (2.7's print used 12 digits).
# profiles: all
print(0.1)
print(0.1 + 0.2)
print(1 / 3)
print(1e16)
print(1.0)
print(2.5e-5)
print(repr(0.1 + 0.2))
