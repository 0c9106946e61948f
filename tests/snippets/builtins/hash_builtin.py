# hash of small ints is the int itself (except -1, reserved as an error code); equal
# numbers hash equal; mutable containers are unhashable. (Hashes are 64-bit figures.)
# oracle: 64-bit
print(hash(1), hash(0), hash(-1), hash(-2))  # expect: 1 0 -2 -2
print(hash(1) == hash(1.0) == hash(True))  # expect: True
print(hash((1, 2)) == hash((1, 2)))  # expect: True
print(hash(2 ** 61 - 1))  # expect: 0
hash([1])  # expect error: TypeError: unhashable type: 'list'
