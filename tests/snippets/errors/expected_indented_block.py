# A def with no indented body; 3.10+ says which line opened the block.
print("start")

def f():
return 1
