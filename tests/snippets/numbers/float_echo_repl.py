# At the prompt float results echo their repr.
# mode: repl
0.1 + 0.2
1 / 3
2 ** 0.5
round(2.675, 2)
10 / 2
