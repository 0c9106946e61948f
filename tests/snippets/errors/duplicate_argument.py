# A parameter name may appear only once.
print("start")

def f(a, a):  # expect error: SyntaxError: duplicate argument 'a' in function definition
    return a

f(1, 2)
