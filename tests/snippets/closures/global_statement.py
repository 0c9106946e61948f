# global makes assignments in a function rebind the module-level name.
total = 0

def add(n):
    global total
    total += n

add(5)
add(7)
print(total)  # expect: 12
