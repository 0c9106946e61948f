# A missing dict key raises KeyError with the key's repr; get() returns a default instead.
d = {"a": 1}
print(d["a"])  # expect: 1
print(d.get("missing"))  # expect: None
d["missing"]  # expect error: KeyError: 'missing'
