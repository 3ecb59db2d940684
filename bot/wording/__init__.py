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

The Discord renderers in ``bot/ui`` and the cogs use the same catalog: the core's modules
for their area, plus modules of their own (``reading``, ``safety``,
``privacy``, ``admin``, ``dm``). What moves here: embed titles, descriptions
and footers, message texts, notices and errors, form labels and placeholders.
Short button labels ("Next", "Sources", "Share in channel") stay beside the
button they name. Text an end-to-end test compares is kept byte for byte.
"""
