# Mutating an object keeps its id; "changing" an immutable one binds the name to a new object.
nums = [1, 2]
before = id(nums)
nums.append(3)
nums += [4]          # list += extends in place
print(nums, id(nums) == before)

t = (1, 2)
before = id(t)
t += (3,)            # tuple += builds a new tuple
print(t, id(t) == before)

s = "ab"
before = id(s)
s += "c"
print(s, id(s) == before)

n = 1000
before = id(n)
n += 1
print(n, id(n) == before)
