# A compound statement without its colon. The whole file is compiled before anything runs,
# so nothing is printed; 3.10 made the message precise.
print("never printed")
if True
    print("inside")
