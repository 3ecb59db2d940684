"""Pure renderers against the one-screen rule, over every piece of shipped content."""

from __future__ import annotations

from bot import limits
from bot.content import render_text
from bot.content.library import Library


def test_every_topic_page_fits_and_shows_every_item_once_in_order(library: Library) -> None:
    for topic in library.topics.values():
        for region in [None, *sorted(topic.regions())]:
            pages = render_text.resource_pages(topic, region)
            groups = [p.group for p in pages if p.group >= 0]
            assert groups == sorted(groups), (topic.id, region)
            text = "\n".join(p.text for p in pages)
            for item in topic.items():
                shown = text.count(render_text.resource_item_text(item))
                assert shown == (1 if item.serves(region) else 0), (topic.id, region, item.name)
            for n in range(len(pages)):
                embed = render_text.resource_topic_embed(topic, region, n)
                assert embed.total() <= limits.SCREEN, (topic.id, region, n)
                assert embed.footer.endswith(render_text.reviewed_text(topic.reviewed))
                assert "(everywhere)" not in embed.description


def test_every_section_page_and_contents_fit_and_keep_the_whole_body(library: Library) -> None:
    for article in library.articles.values():
        assert render_text.overview_embed(article).total() <= limits.SCREEN
        for i, section in enumerate(article.sections):
            pages = render_text.article_section_pages(article, i)
            for page in pages:
                embed = render_text.section_embed(article, i, page)
                assert embed.total() <= limits.SCREEN, (article.id, section.id)
                assert embed.footer == f"Section {i + 1} of {len(article.sections)} · " + (
                    render_text.reviewed_text(article.reviewed)
                )
            words = " ".join(p.split("\n\n*Page")[0] for p in pages).split()
            assert words == section.body.split(), (article.id, section.id)


def test_sources_are_numbered_links_paged_to_fit(library: Library) -> None:
    article = library.articles["lower-back-pain"]
    pages = render_text.sources_pages(article.sources)
    assert len(pages) >= 2
    lines = "\n".join(pages).splitlines()
    assert len(lines) == len(article.sources)
    assert all(line.startswith(f"{n}. [") for n, line in enumerate(lines, 1))
    for n in range(len(pages)):
        assert render_text.sources_embed(article.sources, article.reviewed, n).total() <= limits.SCREEN


def test_help_fits_with_the_shipped_disclaimer(library: Library) -> None:
    text = render_text.help_description(library.safety.disclaimer)
    assert len(render_text.HELP_TITLE) + len(text) <= limits.SCREEN
    assert library.safety.disclaimer in text
