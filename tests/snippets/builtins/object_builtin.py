# object() is the featureless base of every class: no __dict__, so no new attributes.
o = object()
print(type(o).__name__)  # expect: object
print(hasattr(o, "__dict__"))  # expect: False
print(o == o, o == object())  # expect: True False
try:
    o.x = 1
except AttributeError:
    print("AttributeError")  # expect: AttributeError
