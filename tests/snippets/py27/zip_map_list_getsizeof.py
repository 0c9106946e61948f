# 2.7's zip and map build lists: sized to the shortest (zip) or longest (map) input when the
# inputs tell their length, else to a guess (10 for zip, 8 for map), then appended to and cut
# back, so sys.getsizeof shows CPython's allocation rather than append's over-allocation.
# profiles: 2.7
# oracle: 64-bit
import sys
def gen(n):
    for i in range(n):
        yield i
for r in (zip([1], [2]), zip(range(5), 'abcdefg'), zip(gen(3), [1, 2, 3]), zip(gen(12), gen(12)), zip(),
          map(abs, [-1, -2, 3]), map(None, [1, 2], [3]), map(abs, gen(3)), map(abs, gen(11)), map(lambda a, b: a, [1] * 20, [2])):
    print(len(r), sys.getsizeof(r))
