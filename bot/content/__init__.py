"""Content: YAML files in ``content/`` → checked, immutable :class:`~bot.content.library.Library`.

Modules, in the order data flows through them:

- ``marked_yaml``  YAML text → plain values with the line/column of every value (safe, capped)
- ``models``       pydantic models of each file kind (frozen, unknown keys rejected)
- ``errors``       ``ContentError`` (``path:line:col: message``) and plain-words pydantic errors
- ``validator``    cross-file rules: ids, references, and the rendered size of every message
- ``render_text``  the exact text renderers put in embeds (the validator measures the same)
- ``loader``       ``load_library(root) -> LoadResult``: all of the above, never raises
- ``library``      ``Library``: the snapshot, lookups, ``autocomplete`` (``choices``), ``search``
- ``store``        ``ContentStore``: current snapshot; ``reload()`` swaps only clean content
- ``schema``/``cli``  JSON Schema export; ``validate`` and ``schema`` commands

Nothing here imports discord.
"""
