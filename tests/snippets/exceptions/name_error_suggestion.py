# From 3.10 NameError suggests a similar name ("Did you mean"), so the message differs by
# version; the suggestion comes from the names in scope.
counter = 1
total = counter + 1
print(total)
print(countr)
