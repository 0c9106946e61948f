# Because sort is stable, sorting by the minor key first and then the major key works.
people = [("bob", 30), ("amy", 25), ("cat", 30), ("dan", 25)]
people.sort(key=lambda p: p[0])
people.sort(key=lambda p: p[1])
print(people)  # expect: [('amy', 25), ('dan', 25), ('bob', 30), ('cat', 30)]
