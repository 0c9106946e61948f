# A failing subscript is marked from its opening bracket; the dictionary stays `~`.
# compare: traceback
# profiles: all
settings = {'colour': 'blue', 'size': 3}
label = 'size: ' + str(settings['sizes'])
