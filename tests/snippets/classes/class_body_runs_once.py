# A class body is ordinary code run once, when the class statement executes.
print("before")
class C:
    print("in body")
    x = 1 + 1
    print("x is", x)
print("after", C.x)
c1, c2 = C(), C()
print("made two instances")
