# Fixed-width tables with ljust/rjust/center and format specs.
rows = [("list", 56), ("dict", 64), ("set", 216)]
for name, size in rows:
    print(name.ljust(6) + str(size).rjust(5))
print("title".center(11, "*"))
print("7".zfill(3), "-7".zfill(4))
