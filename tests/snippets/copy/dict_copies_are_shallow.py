# dict.copy(), dict(d) and copy.copy(d) all make shallow copies.
import copy
d = {"list": [1]}
copies = [d.copy(), dict(d), copy.copy(d), {**d}]
print([c is d for c in copies])  # expect: [False, False, False, False]
print([c["list"] is d["list"] for c in copies])  # expect: [True, True, True, True]
