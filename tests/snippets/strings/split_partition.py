# split with a limit, rsplit, partition and splitlines.
path = "a/b/c/d.txt"
print(path.split("/", 1))  # expect: ['a', 'b/c/d.txt']
print(path.rsplit("/", 1))  # expect: ['a/b/c', 'd.txt']
print(path.partition("."))  # expect: ('a/b/c/d', '.', 'txt')
print("one\ntwo\r\nthree".splitlines())  # expect: ['one', 'two', 'three']
print("a,,b".split(","))  # expect: ['a', '', 'b']
