# Dedenting to a column that matches no enclosing block.
def f():
    if True:
        x = 1
      return x

print(f())
