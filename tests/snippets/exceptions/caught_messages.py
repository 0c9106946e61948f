# str(exception) for several everyday errors.
attempts = [
    lambda: [][0],
    lambda: {}["k"],
    lambda: int("1.5"),
    lambda: None.attr,
    lambda: len(5),
    lambda: float("abc"),
]
for attempt in attempts:
    try:
        attempt()
    except Exception as e:
        print(type(e).__name__ + ":", e)
