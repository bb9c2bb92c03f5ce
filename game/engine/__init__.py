"""The story engine: model, loader, validator, expressions, state, rules and saves.

Pure Python with no pygame import, so every front end (text, window, tests) drives the same core.
"""
