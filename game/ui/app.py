"""Placeholder until the window front end lands."""


def main(argv):
    print("The game window is not built yet; use: python -m game play --text")
    return 0
