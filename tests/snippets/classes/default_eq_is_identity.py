# Without __eq__, == falls back to identity.
class C:
    pass

a, b = C(), C()
print(a == b)  # expect: False
print(a == a)  # expect: True
print(a != b)  # expect: True
print(a in [b], a in [b, a])  # expect: False True
