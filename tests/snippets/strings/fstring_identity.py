# An f-string of one str field is that str; two or more pieces make a new string.
# profiles: 3.6+
s = "memory " * 2
print(f"{s}" is s, f"{s!s}" is s, f"{s:}" is s, f"{s}{''}" is s, f"{s:>3}" is s)
n = 7
print(f"{n}", f"{n!r:>4}|", f"{n:03}", f"{s!r}", f"{'é'!a}", f"{n * 2}{n}")
print(f"{'a'}" is "a", f"{n:x}{n:b}", f"{3.14159:.2f}", f"{[1, 'a']}", f"{None}")
