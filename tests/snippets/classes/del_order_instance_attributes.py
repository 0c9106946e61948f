# An instance's attributes are released when the instance is: after its own __del__.
class T:
    def __init__(self, n, child=None):
        self.n = n
        self.child = child
    def __del__(self):
        print("del", self.n)

root = T("parent", T("child"))
del root
print("done")
