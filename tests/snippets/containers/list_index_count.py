# index() finds the first equal item, count() counts equal items; both use ==, not is.
# 3.14 changed the message.
l = [1, 2.0, 2, True, "2"]
print(l.index(2))
print(l.count(1))
print(l.count(2))
l.index(3)
