# Each generator object has its own frame, so two generators from one function are independent.
def count(start):
    while True:
        yield start
        start += 1

a, b = count(0), count(100)
print(next(a), next(a), next(b), next(a))  # expect: 0 1 100 2
print(a.gi_code is b.gi_code)  # expect: True
