# __del__ runs the moment the last reference disappears, not at some later time.
class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

a = Tracked("a")
b = Tracked("b")
print("deleting a")
del a
print("rebinding b")
b = None
print("end")
