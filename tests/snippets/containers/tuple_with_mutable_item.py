# t[0] += [2] extends the list inside the tuple and then fails to store it back:
# the mutation happens although a TypeError is raised.
t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print(e)
print(t)
