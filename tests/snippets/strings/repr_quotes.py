# repr() picks single quotes unless the string contains one and no double quotes.
# profiles: all
print(repr("plain"))  # expect: 'plain'
print(repr("it's"))  # expect: "it's"
print(repr('say "hi"'))  # expect: 'say "hi"'
print(repr("both ' and \""))  # expect: 'both \' and "'
print(repr(""))  # expect: ''
