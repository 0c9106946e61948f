# Slicing with start, stop and step; negative indices count from the end.
s = "abcdefgh"
print(s[1:4], s[-3:], s[:-3])  # expect: bcd fgh abcde
print(s[::2], s[1::3])  # expect: aceg beh
print(s[::-1])  # expect: hgfedcba
print(s[100:], repr(s[5:2]))  # expect:  ''
