# get, setdefault, pop and popitem (which takes the last inserted pair).
d = {"a": 1, "b": 2}
print(d.get("z"), d.get("z", 0))  # expect: None 0
print(d.setdefault("c", []))  # expect: []
d["c"].append(3)
print(d.pop("a"))  # expect: 1
print(d.popitem())  # expect: ('c', [3])
print(d)  # expect: {'b': 2}
