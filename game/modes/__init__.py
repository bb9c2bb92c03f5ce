"""The three ways the game is used: at home (saves, Continue, settings), in class (a teacher's start
and a printable summary) and on a museum kiosk (idle reset, no way out for visitors, no saves).

Pure Python with no pygame import: the window front end in ``game.ui`` calls these modules, and the
tests drive them with a fake clock and a temporary home folder (``ON_THE_LIST_HOME``).
"""
