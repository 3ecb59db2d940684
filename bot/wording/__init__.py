"""Every sentence the core shows a member, in one catalog, one module per area.

Why a catalog: the words a member reads are product decisions (kind, plain,
never blaming), and reviewing them, or translating them, should not mean
reading state machines and SQL. Code imports the module of its area and uses
the constants by name::

    from bot.wording import routines as words
    raise RoutineError(words.SESSION_NOT_FOUND)

A constant with ``{placeholders}`` is a template: call ``.format(...)`` with
the named values. Every entry is a plain ``str`` (tests/test_wording.py checks
that each one is used somewhere and renders). A second language would be a
parallel set of modules with the same names.

The Discord-facing renderers in ``bot/ui`` keep their own words for now.
"""
