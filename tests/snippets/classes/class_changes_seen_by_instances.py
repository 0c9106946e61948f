# Instances look attributes up on their class at access time, so later class changes show.
class C:
    pass

c = C()
C.greeting = "hello"
print(c.greeting)  # expect: hello
C.greet = lambda self: self.greeting + "!"
print(c.greet())  # expect: hello!
print(hasattr(C(), "greeting"))  # expect: True
