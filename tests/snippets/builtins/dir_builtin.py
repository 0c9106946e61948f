# dir() lists attribute names, sorted: instance attributes and class attributes together.
class C:
    kind = "c"
    def method(self):
        pass

c = C()
c.own = 1
print([n for n in dir(c) if not n.startswith("__")])  # expect: ['kind', 'method', 'own']
print("append" in dir([]), "upper" in dir(""))  # expect: True True
