# __getattr__ is called only when normal lookup fails.
class Lazy:
    real = "found normally"
    def __getattr__(self, name):
        return "computed " + name

x = Lazy()
print(x.real)  # expect: found normally
print(x.missing)  # expect: computed missing
x.missing = "stored"
print(x.missing)  # expect: stored
