# Truth value: __bool__ if defined, else __len__ != 0, else always true.
class Empty:
    def __len__(self):
        return 0
class Falsy:
    def __bool__(self):
        return False
class Plain:
    pass

print(bool(Empty()), len(Empty()))  # expect: False 0
print(bool(Falsy()))  # expect: False
print(bool(Plain()))  # expect: True
print("yes" if Empty() else "no")  # expect: no
