# Generators chain into lazy pipelines; values flow one at a time.
def numbers():
    for n in range(6):
        print("produce", n)
        yield n

def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x

for e in evens(numbers()):
    print("got", e)
    if e == 2:
        break
