# A function body is its own code object. Whether its 1000 is the module's 1000 depends on
# whether the compiler merges constants across the code objects of one file (3.7+ does).
# profiles: all
a = 1000

def f():
    return 1000

print(f() is a)
print(f() is f())
