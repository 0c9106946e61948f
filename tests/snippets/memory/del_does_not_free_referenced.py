# del only removes a name: the object is freed when its last reference goes.
class T:
    def __del__(self):
        print("freed")

t = T()
holder = [t]
del t
print("name gone, object still held")  # expect: name gone, object still held
holder.pop()  # expect: freed
print("end")  # expect: end
