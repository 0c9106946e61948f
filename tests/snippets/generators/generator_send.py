# send() resumes the generator and becomes the value of the paused yield expression.
def accumulate():
    total = 0
    while True:
        value = yield total
        total += value

acc = accumulate()
print(next(acc))  # expect: 0
print(acc.send(5))  # expect: 5
print(acc.send(10))  # expect: 15
acc.send(None)  # expect error: TypeError: unsupported operand type(s) for +=: 'int' and 'NoneType'
