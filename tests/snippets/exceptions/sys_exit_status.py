# sys.exit(n) ends the program with status n and prints nothing.
import sys
print("before exit")
sys.exit(3)
print("never")
