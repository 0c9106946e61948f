# Functions are objects with a __dict__: an attribute can act as a static variable.
def hits():
    hits.count += 1
    return hits.count

hits.count = 0
hits()
hits()
print(hits.count)  # expect: 2
print(vars(hits))  # expect: {'count': 2}
