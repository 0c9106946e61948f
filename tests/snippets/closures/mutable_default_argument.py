# A default list is created once, with the function, and shared by every call.
def append_to(x, target=[]):
    target.append(x)
    return target

print(append_to(1))  # expect: [1]
print(append_to(2))  # expect: [1, 2]
print(append_to(3, []))  # expect: [3]
print(append_to.__defaults__)  # expect: ([1, 2],)
