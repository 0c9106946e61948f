# 3.8 added f"{expr=}": it prints the expression text and the value's repr.
# profiles: 3.8+
x = 10
label = "mem"
print(f"{x=}")  # expect: x=10
print(f"{label=}")  # expect: label='mem'
print(f"{x * 2 = }")  # expect: x * 2 = 20
print(f"{x=:>5}")  # expect: x=   10
