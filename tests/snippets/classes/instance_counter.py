# A counter kept on the class counts instances across all of them.
class Counted:
    created = 0
    def __init__(self):
        Counted.created += 1
        self.serial = Counted.created

objs = [Counted() for _ in range(3)]
print(Counted.created)  # expect: 3
print([o.serial for o in objs])  # expect: [1, 2, 3]
print("created" in vars(objs[0]))  # expect: False
