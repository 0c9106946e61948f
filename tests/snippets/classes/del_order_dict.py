# When a dict dies it releases its values in insertion order.
class T:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

d = {"x": T(1), "y": T(2), "z": T(3)}
print("drop dict")
del d
print("done")
