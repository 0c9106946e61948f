# Objects that are alive at the same time always have different ids.
# profiles: all
objs = [[] for i in range(100)]
print(len(set(map(id, objs))))  # expect: 100
nums = [int("1000") + i for i in range(50)]
print(len(set(map(id, nums))))  # expect: 50
print(id(objs[0]) != id(objs[1]))  # expect: True
