# A syntax error inside an f-string's field: 3.6-3.8 compiled the field as its own text "(a b)",
# in a file named "<fstring>", line 1; 3.9-3.11 name the snippet (3.10+ add "f-string: " and a
# suggestion); 3.12's parser reads the field in place.
# profiles: 3.6+
print(f"{a b}")
