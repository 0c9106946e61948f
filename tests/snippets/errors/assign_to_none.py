# None, True and False are keywords and cannot be assigned.
x = None
print(x)
None = 1
print(x)
