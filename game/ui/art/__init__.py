"""Pictures and fonts for the game window, all drawn in code or bundled in ``assets/``.

- :mod:`.icons`: ``draw_icon(surface, name, rect, color, width=None)`` and ``ICON_NAMES``
- :mod:`.china_map`: ``draw_map(surface, rect, places, journeys, colors, font)``
- :mod:`.points_chart`: ``draw_points_chart(surface, rect, log, start_points, grades, colors, font)``
- :mod:`.portraits`: ``draw_portrait(surface, rect, seed, colors)``, ``draw_id_card_photo(...)``
- :mod:`.seal`: ``draw_seal(surface, center, radius, color)``
- :mod:`.fonts`: ``font_path(kind)``, ``get_font(size, bold=False)``, ``render_mixed(text, size, color, bold=False)``
- :mod:`.palette`: the colour keys read from a theme's ``colors`` dict, with defaults

Where each asset comes from and its licence: ``assets/README.md``.
"""
