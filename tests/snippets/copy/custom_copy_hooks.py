# __copy__ and __deepcopy__ let a class decide what copying means.
import copy
class Config:
    def __init__(self, data):
        self.data = data
    def __copy__(self):
        print("__copy__")
        return Config(self.data)
    def __deepcopy__(self, memo):
        print("__deepcopy__")
        return Config(copy.deepcopy(self.data, memo))

c = Config({"k": [1]})
s = copy.copy(c)
d = copy.deepcopy(c)
print(s.data is c.data, d.data is c.data)
