# getattr/setattr/hasattr/delattr work with attribute names as strings.
class C:
    pass

c = C()
setattr(c, "size", 3)
print(getattr(c, "size"), hasattr(c, "size"))  # expect: 3 True
print(getattr(c, "color", "none"))  # expect: none
delattr(c, "size")
print(hasattr(c, "size"))  # expect: False
getattr(c, "size")  # expect error: AttributeError: 'C' object has no attribute 'size'
