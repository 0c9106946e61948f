# At the prompt each statement is compiled on its own, so equal constants typed on two lines
# are two objects unless they are interned or cached.
# mode: repl
a = "hello"
b = "hello"
a is b
c = "hello world!"
d = "hello world!"
c is d
e = "hello world!"; f = "hello world!"
e is f
x = 1000
y = 1000
x is y
x == y
