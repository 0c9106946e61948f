# eval() in a function, a class body and with comprehensions; a literal it compiles dies with its code.
# profiles: all
import sys
x = 10
print(eval("x + 1"), eval("[i * i for i in range(3)]"), eval("(lambda y: y + x)(5)"))
def f():
    a = 1
    return eval("a + x")
print(f())
class C:
    v = 3
    w = eval("v * 2")
print(C.w)
n = eval("1000")
print(sys.getrefcount(n), type(eval("1,")), eval("'a' 'b'"))
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError", e.filename, e.lineno)
try:
    eval("undefined_name")
except NameError as e:
    print(e)
