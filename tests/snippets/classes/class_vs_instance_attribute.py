# Reading obj.x finds the instance's own x first, then the class's; assigning creates an
# instance attribute that shadows the class attribute for that instance only.
class C:
    x = "class"

a, b = C(), C()
a.x = "instance"
print(a.x, b.x, C.x)  # expect: instance class class
del a.x
print(a.x)  # expect: class
print(vars(a), vars(b))  # expect: {} {}
