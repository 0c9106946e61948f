# A subclass method overrides the parent's; super() reaches the parent's version.
class Animal:
    def speak(self):
        return "..."
    def intro(self):
        return "I say " + self.speak()
class Dog(Animal):
    def speak(self):
        return "woof (not " + super().speak() + ")"

print(Dog().intro())  # expect: I say woof (not ...)
print(Animal().intro())  # expect: I say ...
