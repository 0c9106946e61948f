# chr and ord convert between characters and code points.
print(ord("a"), chr(97))  # expect: 97 a
print(ord("\u20ac"), chr(8364) == "\u20ac")  # expect: 8364 True
print([chr(c) for c in range(65, 70)])  # expect: ['A', 'B', 'C', 'D', 'E']
print(ord("\U0001f600"))  # expect: 128512
ord("ab")  # expect error: TypeError: ord() expected a character, but string of length 2 found
