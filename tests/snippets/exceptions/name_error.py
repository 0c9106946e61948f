# Using a name that was never bound raises NameError; the lines before it have run.
print("start")  # expect: start
defined = 1
print(defined)  # expect: 1
print(zzqqxx)  # expect error: NameError: name 'zzqqxx' is not defined
