# list.sort() sorts in place and returns None; sorted() returns a new list.
nums = [3, 1, 2]
result = nums.sort()
print(result)  # expect: None
print(nums)  # expect: [1, 2, 3]
other = sorted(nums, reverse=True)
print(other, nums)  # expect: [3, 2, 1] [1, 2, 3]
