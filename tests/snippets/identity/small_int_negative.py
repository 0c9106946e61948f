# The small-int cache starts at -5: -5 is shared, -6 is created afresh each time.
# profiles: all
a = int("-5")
b = int("-5")
print(a is b)  # expect: True
c = int("-6")
d = int("-6")
print(c is d)  # expect: False
