# A closure keeps its captured object alive after every name for it is gone.
class T:
    def __del__(self):
        print("T freed")

def make():
    t = T()
    return lambda: t

f = make()
print("closure alive")  # expect: closure alive
del f  # expect: T freed
print("closure gone")  # expect: closure gone
