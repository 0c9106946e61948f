# Defining __eq__ without __hash__ sets __hash__ to None: instances become unhashable.
# 3.14 says where the hash was needed.
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v

print(P(1) == P(1))
print(P.__hash__ is None)
s = {P(1)}
