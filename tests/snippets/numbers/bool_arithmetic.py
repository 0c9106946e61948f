# bool is an int subclass: True and False take part in arithmetic as 1 and 0.
# profiles: all
print(True + True)  # expect: 2
print(sum([True, False, True]))  # expect: 2
print(True * 10)  # expect: 10
print(int(False))  # expect: 0
