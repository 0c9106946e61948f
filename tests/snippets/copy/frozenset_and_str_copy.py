# frozenset and bytes are immutable: copy returns the original; a set is copied.
import copy
fs = frozenset([1, 2])
st = {1, 2}
b = bytes([1, 2, 3])
print(copy.copy(fs) is fs, copy.deepcopy(fs) is fs)
print(copy.copy(st) is st)
print(copy.copy(b) is b)
