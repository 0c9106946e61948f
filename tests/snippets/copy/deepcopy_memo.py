# The memo passed to deepcopy maps id(original) to its copy, and keeps the originals alive in a
# list stored under id(memo).
import copy
inner = [1]
outer = [inner, inner]
memo = {}
dup = copy.deepcopy(outer, memo)
print(len(memo))  # expect: 3
print(memo[id(inner)] is dup[0], memo[id(outer)] is dup)  # expect: True True
print([x is inner or x is outer for x in memo[id(memo)]])  # expect: [True, True]
print(copy.deepcopy(outer, memo) is dup)  # expect: True
