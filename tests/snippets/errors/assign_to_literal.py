# A literal cannot be an assignment target; the message grew over versions (3.10 guesses
# that == was meant).
x = 1
print(x)
1 = x
print(x)
