# Strings compare code point by code point: uppercase sorts before lowercase.
print("a" < "b", "Z" < "a")  # expect: True True
print("abc" < "abd", "ab" < "abc")  # expect: True True
print(sorted(["banana", "Apple", "cherry"]))  # expect: ['Apple', 'banana', 'cherry']
print(sorted(["banana", "Apple", "cherry"], key=str.lower))  # expect: ['Apple', 'banana', 'cherry']
print(max("hello"))  # expect: o
