# [[]] * 3 is three references to one list; appending through one name shows everywhere.
# profiles: all
l = [[]] * 3
l[0].append("x")
print(l)  # expect: [['x'], ['x'], ['x']]
print(l[0] is l[1])  # expect: True
l[1] = []
print(l)  # expect: [['x'], [], ['x']]
