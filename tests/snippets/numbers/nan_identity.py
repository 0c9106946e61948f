# nan != nan, but containment checks identity first, so a nan is "in" a list holding it.
nan = float("nan")
print(nan == nan)  # expect: False
print(nan in [nan])  # expect: True
print(float("nan") in [nan])  # expect: False
print([nan] == [nan])  # expect: True
print(float("inf") > 10 ** 300)  # expect: True
