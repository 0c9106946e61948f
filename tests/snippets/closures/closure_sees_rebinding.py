# A closure reads the enclosing variable's current binding when it runs.
def outer():
    msg = "first"
    def show():
        return msg
    msg = "second"
    return show

print(outer()())  # expect: second
