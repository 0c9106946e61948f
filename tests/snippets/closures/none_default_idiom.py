# Using None as the default and creating the list inside gives a fresh list per call.
def append_to(x, target=None):
    if target is None:
        target = []
    target.append(x)
    return target

print(append_to(1))  # expect: [1]
print(append_to(2))  # expect: [2]
print(append_to.__defaults__)  # expect: (None,)
