# A default value is evaluated once, when `def` runs: a mutable default is shared by every call.
def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket

first = append_to(1)
second = append_to(2)
print(first, second, first is second)
print(append_to.__defaults__)      # the one list lives on the function

def append_fixed(item, bucket=None):
    if bucket is None:
        bucket = []                # a new list per call
    bucket.append(item)
    return bucket

print(append_fixed(1), append_fixed(2))
