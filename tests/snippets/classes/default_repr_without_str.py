# Without __str__, str() falls back to __repr__.
class Only:
    def __repr__(self):
        return "<Only>"

print(Only())  # expect: <Only>
print(str(Only()) == repr(Only()))  # expect: True
print("%s" % Only())  # expect: <Only>
