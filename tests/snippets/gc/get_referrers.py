# gc.get_referrers finds the tracked containers that refer to an object.
import gc
target = []
holder = [target]
other = {"t": target}
found = gc.get_referrers(target)
print(any(r is holder for r in found))  # expect: True
print(any(r is other for r in found))  # expect: True
