# Python 2 at the prompt: expressions echo their repr, print statements print str.
# profiles: 2.7
# mode: repl
s = "it's"
s
print s
7 / 2
u"x"
