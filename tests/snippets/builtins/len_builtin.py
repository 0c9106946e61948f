# len() works on any object with __len__.
print(len("abc"), len([1, 2]), len({"a": 1}), len(range(10)))  # expect: 3 2 1 10
print(len(b"\x00\x01"), len(set("aab")))  # expect: 2 2
class Box:
    def __len__(self):
        return 7
print(len(Box()))  # expect: 7
len(5)  # expect error: TypeError: object of type 'int' has no len()
