"""Synthetic content trees for benchmarks and load tests: N articles, routines and topics.

Why generated and not copied: budgets are stated for sizes the shipped content
will not reach for years (1,000 files, 5,000 sections), and a benchmark must be
able to build exactly that size, twice, in two distinguishable versions.

Every tree is *valid* (it passes the same validation as real content): slugs,
https links, resolvable ``see_also`` references and every Discord size limit.
Ids are stable across generations and every title carries the generation tag,
so writing the same spec with ``generation="v2"`` over a ``v1`` tree gives a
reload in which everything is "changed" and any rendered page tells which
version it came from (a page mixing ``v1`` and ``v2`` would be a torn read).

    from bench.generate import TreeSpec, generate, spec_for

    tree = generate(tmp / "content", spec_for(files=1_000, total_bytes=5_000_000))
    generate(tmp / "content", replace(tree.spec, generation="v2"))

Command line: ``python -m bench.generate OUT [--files N --bytes B | --articles …]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["GeneratedTree", "TreeSpec", "article_id", "generate", "routine_id", "spec_for", "topic_id"]

_VOCABULARY = """
rest pacing joint morning stiffness gentle stretch breath kidney fatigue flare sun skin
rash care team doctor nurse walk water sleep energy pain back hip knee shoulder chair
floor bed calm slow steady plan week note test blood urine swelling fever warmth cool
pillow towel strap habit support friend family money benefit help line chat group
"""
WORDS = tuple(_VOCABULARY.split())
"""A small vocabulary with the words real content uses, so the search index sees realistic
term frequencies (a few very common terms, many rarer ones)."""

REVIEWED = "2026-01-15"
SOURCE_URL = "https://example.org/lupus/facts"
REGIONS = ("INTL", "US", "GB", "CA", "AU")


@dataclass(frozen=True, slots=True)
class TreeSpec:
    """How big a tree to write. ``sections`` is sections per article, steps per routine and
    resource items per topic; ``section_chars`` is the length of each section body."""

    articles: int = 100
    routines: int = 20
    topics: int = 10
    sections: int = 4
    section_chars: int = 1_100
    generation: str = "v1"
    seed: int = 0

    @property
    def files(self) -> int:
        """Content files written, counting ``safety.yaml``."""
        return self.articles + self.routines + self.topics + 1


@dataclass(frozen=True, slots=True)
class GeneratedTree:
    """What :func:`generate` wrote."""

    root: Path
    spec: TreeSpec
    files: int
    bytes: int
    article_ids: tuple[str, ...] = field(repr=False)
    routine_ids: tuple[str, ...] = field(repr=False)
    topic_ids: tuple[str, ...] = field(repr=False)


def article_id(n: int) -> str:
    return f"art-{n:05d}"


def routine_id(n: int) -> str:
    return f"rtn-{n:05d}"


def topic_id(n: int) -> str:
    return f"top-{n:05d}"


def section_id(n: int) -> str:
    return f"sec-{n:02d}"


def spec_for(
    files: int = 1_000,
    total_bytes: int = 5_000_000,
    *,
    sections: int = 4,
    generation: str = "v1",
    seed: int = 0,
) -> TreeSpec:
    """A spec of about ``files`` files and ``total_bytes`` bytes: 80 % articles, 15 % routines,
    5 % topics (the mix the real library is heading for), section length fitted to the size."""
    if files < 4:
        raise ValueError("a tree needs at least 4 files (one of each kind and safety.yaml)")
    routines = max(1, files * 15 // 100)
    topics = max(1, files * 5 // 100 - 1)
    articles = files - 1 - routines - topics
    # Bytes outside section bodies, per file, measured on generated trees (YAML keys,
    # titles, sources, steps and items); the rest of the budget goes to section bodies.
    overhead = 900 * articles + 4_200 * routines + 2_600 * topics + 3_000
    per_section = (total_bytes - overhead) // max(1, articles * sections)
    section_chars = max(200, min(3_500, per_section))
    return TreeSpec(articles, routines, topics, sections, section_chars, generation, seed)


def generate(root: Path, spec: TreeSpec, *, clean: bool = True) -> GeneratedTree:
    """Write the tree ``spec`` describes under ``root``; returns what was written.

    ``clean`` first removes the kind folders, ``safety.yaml`` and ``synonyms.yaml`` (only
    those), so a smaller spec written over a larger tree leaves no stale files behind, and
    no synonyms point at words the generated text does not use.
    """
    root = Path(root)
    if clean:
        for folder in ("articles", "routines", "resources"):
            shutil.rmtree(root / folder, ignore_errors=True)
        for name in ("safety.yaml", "synonyms.yaml"):
            (root / name).unlink(missing_ok=True)
    for folder in ("articles", "routines", "resources"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    rng = random.Random(spec.seed)
    written = 0
    count = 0
    for relative, text in _files(spec, rng):
        data = text.encode("utf-8")
        (root / relative).write_bytes(data)
        written += len(data)
        count += 1
    return GeneratedTree(
        root=root,
        spec=spec,
        files=count,
        bytes=written,
        article_ids=tuple(article_id(n) for n in range(spec.articles)),
        routine_ids=tuple(routine_id(n) for n in range(spec.routines)),
        topic_ids=tuple(topic_id(n) for n in range(spec.topics)),
    )


# --- file bodies -------------------------------------------------------------------------------


def _files(spec: TreeSpec, rng: random.Random) -> Iterator[tuple[str, str]]:
    for n in range(spec.articles):
        yield f"articles/{article_id(n)}.yaml", _article(spec, n, rng)
    for n in range(spec.routines):
        yield f"routines/{routine_id(n)}.yaml", _routine(spec, n, rng)
    for n in range(spec.topics):
        yield f"resources/{topic_id(n)}.yaml", _topic(spec, n, rng)
    yield "safety.yaml", _safety(spec)


def _sentence(rng: random.Random, words: int) -> str:
    chosen = rng.choices(WORDS, k=words)
    return " ".join(chosen).capitalize() + "."


def _paragraphs(rng: random.Random, chars: int) -> list[str]:
    """Plain sentences in paragraphs of about 300 characters, ``chars`` in total."""
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = ""
        while len(paragraph) < min(300, chars - size) and size + len(paragraph) < chars:
            paragraph += (" " if paragraph else "") + _sentence(rng, rng.randint(6, 14))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return paragraphs


def _block(paragraphs: list[str], indent: str) -> str:
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append("")
        lines.append(indent + paragraph)
    return "\n".join(lines)


def _sources(spec: TreeSpec, indent: str = "") -> str:
    return (
        f"{indent}sources:\n"
        f"{indent}  - title: Synthetic source ({spec.generation})\n"
        f"{indent}    url: {SOURCE_URL}\n"
    )


def _article(spec: TreeSpec, n: int, rng: random.Random) -> str:
    gen = spec.generation
    following = article_id((n + 1) % spec.articles)
    out = [
        f"id: {article_id(n)}\n",
        f"title: Article {n} ({gen})\n",
        f"summary: A generated article for load tests, number {n}, generation {gen}.\n",
        f"aliases: [{rng.choice(WORDS)} {n}, topic {n}]\n",
        f"reviewed: {REVIEWED}\n",
        _sources(spec),
        "sections:\n",
    ]
    for s in range(spec.sections):
        out.append(f"  - id: {section_id(s)}\n")
        out.append(f"    title: Section {s + 1} of article {n} ({gen})\n")
        out.append("    body: |\n")
        out.append(_block(_paragraphs(rng, spec.section_chars), "      ") + "\n")
        out.append(f"    see_also: ['article:{following}#{section_id(s)}']\n")
    return "".join(out)


def _routine(spec: TreeSpec, n: int, rng: random.Random) -> str:
    gen = spec.generation
    out = [
        f"id: {routine_id(n)}\n",
        f"title: Routine {n} ({gen})\n",
        f"summary: A generated routine for load tests, number {n}, generation {gen}.\n",
        f"level: {('gentle', 'easy', 'moderate')[n % 3]}\n",
        f"position: {('floor', 'chair', 'bed', 'standing')[n % 4]}\n",
        f"minutes: {5 + n % 20}\n",
        "equipment: [a mat, a small pillow]\n",
        "cautions:\n",
        "  - Stop if it hurts. A gentle pull is fine; pain is not.\n",
        "  - During a flare, check with your care team first.\n",
        f"reviewed: {REVIEWED}\n",
        _sources(spec),
        f"see_also: ['article:{article_id(n % spec.articles)}']\n",
        "steps:\n",
    ]
    for s in range(spec.sections):
        out.append(f"  - id: step-{s:02d}\n")
        out.append(f"    title: Step {s + 1} ({gen})\n")
        out.append("    instructions: |\n")
        out.append(_block(_paragraphs(rng, 700), "      ") + "\n")
        out.append(f"    hold_seconds: {10 + s % 20}\n    reps: {1 + s % 3}\n")
        out.append(f"    sides: {('none', 'both')[s % 2]}\n    rest_seconds: 5\n")
    return "".join(out)


def _topic(spec: TreeSpec, n: int, rng: random.Random) -> str:
    gen = spec.generation
    out = [
        f"id: {topic_id(n)}\n",
        f"title: Topic {n} ({gen})\n",
        f"intro: {_sentence(rng, 20)} Generation {gen}.\n",
        f"reviewed: {REVIEWED}\n",
        _sources(spec),
        f"see_also: ['routine:{routine_id(n % spec.routines)}']\n",
        "groups:\n",
    ]
    per_group = 3  # each group is one embed field (1,024 characters)
    groups = max(1, min(10, -(-spec.sections // per_group)))
    items = max(1, spec.sections)
    for g in range(groups):
        out.append(f"  - title: Group {g + 1} ({gen})\n")
        out.append(f"    intro: {_sentence(rng, 10)}\n")
        out.append("    items:\n")
        for i in range(g * per_group, min(items, (g + 1) * per_group) if g < groups - 1 else items):
            out.append(f"      - name: Helper {n}-{i} ({gen})\n")
            out.append(f"        helps_with: {_sentence(rng, 12)}\n")
            out.append(f"        url: https://example.org/help/{n}/{i}\n")
            out.append(f"        regions: [{REGIONS[i % len(REGIONS)]}]\n")
    return "".join(out)


def _safety(spec: TreeSpec) -> str:
    gen = spec.generation
    return (
        f"disclaimer: General information only ({gen}); not medical advice. In an emergency, "
        "call your local emergency number.\n"
        "stop_advice: Stop the stretch now and rest. Contact your care team if the pain is sharp.\n"
        "red_flags:\n"
        "  emergency:\n"
        "    title: Get emergency care now\n"
        "    items: [Numbness in both legs, Severe chest pain]\n"
        "  urgent:\n"
        "    title: Call your care team today\n"
        "    items: [A new rash with fever, Swelling in your legs]\n"
        "crisis:\n"
        "  phrases: [i want to die, kill myself]\n"
        "  reply: You matter. Please contact a crisis line or your local emergency number now.\n"
        + _sources(spec)
    )


# --- command line ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="content folder to write (kind folders are replaced)")
    parser.add_argument("--files", type=int, default=1_000, help="about this many files (default 1000)")
    parser.add_argument("--bytes", type=int, default=5_000_000, help="about this many bytes (default 5 MB)")
    parser.add_argument("--sections", type=int, default=4, help="sections/steps/items per item (default 4)")
    parser.add_argument("--articles", type=int, help="exact counts instead of --files/--bytes")
    parser.add_argument("--routines", type=int)
    parser.add_argument("--topics", type=int)
    parser.add_argument("--section-chars", type=int)
    parser.add_argument("--generation", default="v1", help="tag put in every title (default v1)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    spec = spec_for(
        args.files, args.bytes, sections=args.sections, generation=args.generation, seed=args.seed
    )
    exact = {
        "articles": args.articles,
        "routines": args.routines,
        "topics": args.topics,
        "section_chars": args.section_chars,
    }
    spec = replace(spec, **{k: v for k, v in exact.items() if v is not None})
    tree = generate(args.out, spec)
    print(f"{tree.root}: {tree.files} files, {tree.bytes / 1e6:.2f} MB ({spec})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
