# At exit CPython still frees what the snippet left alive, and each __del__ runs then:
# step past the last line to watch the exit's collections.
# profiles: 2.7, 3.6-3.13
class Resource(object):
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('closing ' + self.name)

log = Resource('log')
_cache = Resource('cache')
a, b = Resource('a'), Resource('b')
a.peer, b.peer = b, a
print('last line')
