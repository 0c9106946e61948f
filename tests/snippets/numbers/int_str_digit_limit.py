# Converting a huge int to or from decimal text is limited to 4300 digits in CPython
# releases from late 2022 on (CVE-2020-10735), older ones have no limit.
try:
    n = int("1" * 5000)
    print("converted", len(str(n)))
except ValueError as e:
    print("ValueError:", e)
