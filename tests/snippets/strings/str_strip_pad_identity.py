# strip, padding, zfill, replace and expandtabs hand back the string itself when nothing changes.
s = "unchanged"
print(s.strip() is s, s.lstrip("x") is s, s.rstrip("z") is s, s.center(3) is s, s.ljust(9) is s)
print(s.rjust(0) is s, s.zfill(5) is s, s.replace("q", "r") is s, s.replace("u", "u", 0) is s)
print(s.expandtabs() is s, s.removeprefix("x") is s if hasattr(s, "removeprefix") else True)
print(repr("  a b  ".strip()), repr("xxaxx".strip("x")), repr("\t a\n".lstrip()), repr("abc".rstrip("cb")))
print(repr("ab".center(7, "*")), repr("abc".center(6)), repr("ab".ljust(5, "-")), repr("ab".rjust(5)))
print(repr("-42".zfill(6)), repr("+7".zfill(4)), repr("".zfill(3)), repr("abc".zfill(2)))
print(repr("a\tbc\td".expandtabs()), repr("a\tb".expandtabs(4)), repr("x\n\ty".expandtabs(2)), repr("\t".expandtabs(0)))
print(repr("aaa".replace("a", "b", 2)), repr("abc".replace("", "-")), repr("abc".replace("", "-", 2)))
print(repr("banana".replace("na", "")), repr("".replace("", "x")), repr("aXbXc".replace("X", "--")))
print("x".center(1) is "x", "a".strip() is "a", "ab,c".replace("ab,", "") is "c")
