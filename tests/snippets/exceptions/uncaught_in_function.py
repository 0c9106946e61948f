# An uncaught exception raised inside nested calls: the traceback lists each frame and the
# last line names the exception.
def level2(x):
    return x["key"]

def level1(x):
    return level2(x)

print("calling")
level1({})
