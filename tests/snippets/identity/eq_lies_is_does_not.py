# A class can make == say anything; `is` cannot be overridden. Hence `x is None`.
class Everything:
    def __eq__(self, other):
        return True

x = Everything()
print(x == None)  # expect: True
print(x is None)  # expect: False
print(x == 42)  # expect: True
print(x is x)  # expect: True
