# When the last reference goes, the object is freed at once: __del__ runs on that line.
class Noisy:
    def __del__(self):
        print("freed")

a = Noisy()
b = a
del a
print("after del a")  # expect: after del a
del b  # expect: freed
print("after del b")  # expect: after del b
