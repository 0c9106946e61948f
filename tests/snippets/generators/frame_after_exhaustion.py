# A generator keeps its frame while suspended and drops it when finished.
def gen():
    yield 1

g = gen()
print(g.gi_frame is None, g.gi_running)  # expect: False False
list(g)
print(g.gi_frame is None)  # expect: True
