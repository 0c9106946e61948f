# Markers count display columns: a CJK character takes two, so the `^` still sits under the
# division after it (up to 3.10 there are no markers).
# compare: traceback
label = '中文'
pair = (label, '中文', 1 / 0)
