"""Reading: article pages, sources, resource pages, shares, and the menus that open things."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.custom_ids.base import CustomId, Part, one_of
from bot.custom_ids.parts import _SLUG, SLUG_WIDTH, Page, Region, RowId, Slug, SlugOrDash

RefKind = Annotated[str, one_of("article", "routine", "resources")]
Target = Annotated[str, Part(rf"{_SLUG}(?:#{_SLUG})?|-", "x" * SLUG_WIDTH + "#" + "x" * SLUG_WIDTH)]
"""What a reference names: ``id``, ``article-id#section-id``, or ``-`` (the topic list)."""


@dataclass(frozen=True)
class ReadPage(CustomId, kind="read"):
    """``lc:read:<article>:<section|->:<page>``: a page of an article (``-``: its contents)."""

    article: Slug
    section: SlugOrDash
    page: Page


@dataclass(frozen=True)
class SectionMenu(CustomId, kind="pick"):
    """``lc:pick:<article>``: the "Jump to a section…" menu; the choice is a section id."""

    article: Slug


@dataclass(frozen=True)
class ArticleSources(CustomId, kind="src:a"):
    """``lc:src:a:<article>:<page>:<section|->:<back page>``: an article's sources, and the way back."""

    article: Slug
    page: Page
    section: SlugOrDash
    back_page: Page


@dataclass(frozen=True)
class TopicSources(CustomId, kind="src:r"):
    """``lc:src:r:<topic>:<page>:<region>:<back page>``: a resource topic's sources."""

    topic: Slug
    page: Page
    region: Region
    back_page: Page


@dataclass(frozen=True)
class ResourcePage(CustomId, kind="res"):
    """``lc:res:<topic>:<region>:<page>``: a page of a resource topic."""

    topic: Slug
    region: Region
    page: Page


@dataclass(frozen=True)
class ResourceJump(CustomId, kind="rjump"):
    """``lc:rjump:<topic>:<region>``: a topic's "Jump to…" menu; the choice is a page number."""

    topic: Slug
    region: Region


@dataclass(frozen=True)
class ShareArticle(CustomId, kind="share:article"):
    """``lc:share:article:<article>:<section|->:<page>``: ask before posting a page in the channel."""

    article: Slug
    section: SlugOrDash
    page: Page


@dataclass(frozen=True)
class ShareTopic(CustomId, kind="share:resources"):
    """``lc:share:resources:<topic>:<region>:<page>``."""

    topic: Slug
    region: Region
    page: Page


@dataclass(frozen=True)
class PostArticle(CustomId, kind="shareok:article"):
    """``lc:shareok:article:…``: "Post it", after the question."""

    article: Slug
    section: SlugOrDash
    page: Page


@dataclass(frozen=True)
class PostTopic(CustomId, kind="shareok:resources"):
    """``lc:shareok:resources:…``."""

    topic: Slug
    region: Region
    page: Page


@dataclass(frozen=True)
class Unshare(CustomId, kind="unshare"):
    """``lc:unshare:<share id>``: the public copy's Delete."""

    share_id: RowId


@dataclass(frozen=True)
class OpenRef(CustomId, kind="open"):
    """``lc:open:<article|routine|resources>:<target>``: a see-also (or help) button."""

    ref_kind: RefKind
    target: Target

    @property
    def ref(self) -> str:
        return f"{self.ref_kind}:{self.target}"


@dataclass(frozen=True)
class OpenMenu(CustomId, kind="open"):
    """``lc:open:<article|routine|resources>``: a menu of one kind; the choice is an id."""

    ref_kind: RefKind


@dataclass(frozen=True)
class RefMenu(CustomId, kind="go"):
    """``lc:go``: a menu of references (search results, see also); the choice is a reference."""


@dataclass(frozen=True)
class LibraryPage(CustomId, kind="library"):
    """``lc:library``."""


@dataclass(frozen=True)
class HelpPage(CustomId, kind="help"):
    """``lc:help``."""


@dataclass(frozen=True)
class PrivacyNotice(CustomId, kind="privacy-notice"):
    """``lc:privacy-notice``: /help's "Your privacy"."""


READING: tuple[type[CustomId], ...] = (
    ReadPage,
    SectionMenu,
    ArticleSources,
    TopicSources,
    ResourcePage,
    ResourceJump,
    ShareArticle,
    ShareTopic,
    PostArticle,
    PostTopic,
    Unshare,
    OpenRef,
    OpenMenu,
    RefMenu,
    LibraryPage,
    HelpPage,
    PrivacyNotice,
)
