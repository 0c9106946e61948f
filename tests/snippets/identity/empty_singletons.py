# The empty tuple and the empty string are singletons; empty lists and dicts are not.
t = tuple([])
s = "".join([])
print(t is ())  # expect: True
print(s is "".strip())  # expect: True
print(str() is s)  # expect: True
print([] is [])  # expect: False
print(list() is list())  # expect: False
