"""The wording catalog: every sentence renders and is used; neither the core nor bot/ui keeps its own."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType

import pytest

import bot.wording

ROOT = Path(__file__).resolve().parent.parent
CORE_AREAS = ("routines", "reminders", "tracking", "journal", "report")
"""The packages of ``bot/`` whose member-facing sentences live in the catalog."""
UI_AREAS = ("reading", "safety", "privacy", "admin", "dm", "options")
"""Catalog modules only the renderers in ``bot/ui`` use (they share the core's modules too)."""
UI_SKIPPED: tuple[str, ...] = ()
"""Modules of ``bot/ui`` allowed to keep their own words (none)."""


def catalog_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"bot.wording.{info.name}")
        for info in pkgutil.iter_modules(bot.wording.__path__)
    ]


def entries() -> Iterator[tuple[str, str, object]]:
    """``(module, NAME, value)`` for every public constant of the catalog."""
    for module in catalog_modules():
        for name, value in vars(module).items():
            if name.isupper():
                yield module.__name__.rsplit(".", 1)[-1], name, value


def texts(value: object) -> list[str]:
    """The sentences of one entry: itself, or each value of a table."""
    if isinstance(value, str):
        return [value]
    assert isinstance(value, Mapping), "a catalog entry is a str or a table of str"
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    return list(value.values())


def sample_values(template: str) -> dict[str, object]:
    """A value for every ``{field}``: a number where a format spec asks for one, else a word."""
    values: dict[str, object] = {}
    for _, field, spec, _ in string.Formatter().parse(template):
        if field is None:
            continue
        assert field.isidentifier(), f"placeholders are named: {{{field}}} in {template!r}"
        values[field] = 1 if spec else "word"
    return values


ENTRIES = list(entries())


def test_the_catalog_has_a_module_per_area() -> None:
    names = {m.__name__.rsplit(".", 1)[-1] for m in catalog_modules()}
    assert {"common", *CORE_AREAS, *UI_AREAS} <= names


@pytest.mark.parametrize(("module", "name", "value"), ENTRIES, ids=[f"{m}.{n}" for m, n, _ in ENTRIES])
def test_every_entry_renders_without_format_errors(module: str, name: str, value: object) -> None:
    for text in texts(value):
        rendered = text.format(**sample_values(text))
        assert rendered.strip() or text == "", f"{module}.{name} renders to nothing"
        assert "{" not in rendered and "}" not in rendered, f"{module}.{name} left a brace: {rendered!r}"


def _code_outside_the_catalog() -> str:
    files = [*ROOT.joinpath("bot").rglob("*.py"), *ROOT.joinpath("cogs").rglob("*.py")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if "wording" not in f.parts)


_CODE = _code_outside_the_catalog()


def _aliases(module: str) -> set[str]:
    """The names code outside the catalog imports ``bot.wording.<module>`` as."""
    found = re.findall(rf"from bot\.wording import {module}(?: as (\w+))?\b", _CODE)
    return {alias or module for alias in found}


@pytest.mark.parametrize(("module", "name", "value"), ENTRIES, ids=[f"{m}.{n}" for m, n, _ in ENTRIES])
def test_every_entry_is_used_somewhere(module: str, name: str, value: object) -> None:
    aliases = _aliases(module)
    if aliases and re.search(rf"\b(?:{'|'.join(aliases)})\.{name}\b", _CODE):
        return
    # Or a part of another entry of its own module (TIME_HELP ends several time messages).
    own = ROOT.joinpath("bot", "wording", f"{module}.py").read_text(encoding="utf-8")
    assert len(re.findall(rf"\b{name}\b", own)) > 1, f"bot.wording.{module}.{name} is used nowhere"


_SENTENCE = re.compile(r"^[A-Z][\w'’]*(?:\s+\S+){2,}[.?!]$", re.S)
"""Starts with a capital, three words or more, ends like a sentence: what a member reads."""


def _docstring_ids(tree: ast.AST) -> set[int]:
    """Docstrings and attribute docstrings: bare string statements."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant | ast.JoinedStr)
    }


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "X" for v in node.values)
    return None


def _sentences(path: Path) -> list[str]:
    """Sentence literals of one module (outside docstrings), as ``path:line: text``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_ids(tree)
    return [
        f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}: {text[:60]!r}"
        for node in ast.walk(tree)
        if (text := _literal_text(node)) is not None
        and id(node) not in docstrings
        and _SENTENCE.match(text.strip())
    ]


@pytest.mark.parametrize("area", CORE_AREAS)
def test_the_core_keeps_no_sentences_of_its_own(area: str) -> None:
    found = [line for path in sorted(ROOT.joinpath("bot", area).rglob("*.py")) for line in _sentences(path)]
    assert not found, "sentences a member reads belong in bot/wording:\n" + "\n".join(found)


UI_MODULES = sorted(p.name for p in ROOT.joinpath("bot", "ui").glob("*.py") if p.name not in UI_SKIPPED)


@pytest.mark.parametrize("module", UI_MODULES)
def test_the_renderers_keep_no_sentences_of_their_own(module: str) -> None:
    found = _sentences(ROOT.joinpath("bot", "ui", module))
    assert not found, "sentences a member reads belong in bot/wording:\n" + "\n".join(found)


def test_the_renderers_are_checked() -> None:
    """The list above is not empty by accident (a moved folder would make every check pass)."""
    assert {"reading.py", "reading_pages.py", "journal.py", "routines.py"} <= set(UI_MODULES)


def test_the_guard_would_notice_a_sentence() -> None:
    tree = ast.parse('raise ValueError(f"Please give a time like {x}.")')
    texts_found = [_literal_text(n) for n in ast.walk(tree)]
    assert any(t is not None and _SENTENCE.match(t) for t in texts_found)


def test_the_cogs_keep_no_sentences_of_their_own() -> None:
    found = [line for path in sorted(ROOT.joinpath("cogs").glob("*.py")) for line in _sentences(path)]
    assert not found, "sentences a member reads belong in bot/wording:\n" + "\n".join(found)
