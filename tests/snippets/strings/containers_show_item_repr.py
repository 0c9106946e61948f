# Printing a container shows each item's repr, quotes and all.
# profiles: all
items = ["a", "b'c", 1, 2.5, None]
print(items)  # expect: ['a', "b'c", 1, 2.5, None]
print(str(items) == repr(items))  # expect: True
print(("x",))  # expect: ('x',)
print({"k": "v"})  # expect: {'k': 'v'}
