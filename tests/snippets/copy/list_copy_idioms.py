# l[:], list(l), l.copy() and copy.copy(l) each return a new list with the same items.
import copy
l = [[1], [2]]
copies = [l[:], list(l), l.copy(), copy.copy(l)]
print(all(c == l for c in copies))  # expect: True
print(any(c is l for c in copies))  # expect: False
print(all(c[0] is l[0] for c in copies))  # expect: True
