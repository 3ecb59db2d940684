"""What the reading screens say: the library, article and resource pages, search, sharing, privacy."""

from __future__ import annotations

LEVELS: dict[str, str] = {"gentle": "Gentle", "easy": "Easy", "moderate": "Moderate"}
"""How a routine's level is named (the stored value is the key)."""

# ----------------------------------------------------------------- article and resource pages

SEE_ALSO_PLACEHOLDER = "See also…"
JUMP_TO_SECTION = "Jump to a section…"
JUMP_TO = "Jump to…"

# ----------------------------------------------------------------- the library

LIBRARY_TITLE = "Library"
LIBRARY_DESCRIPTION = "Everything I can share. Pick from a menu, or use `/search`."
LIBRARY_ARTICLES = "📖 Articles (/read)"
LIBRARY_ROUTINES = "🧘 Stretching routines (/stretch)"
LIBRARY_TOPICS = "🤝 Help and resources (/resources)"
ROUTINE_LINE = "**{title}** — {minutes} min · {position}"
LIST_MORE = "…and {count} more in the menu below"
OPEN_ARTICLE = "Open an article…"
START_ROUTINE = "Start a routine…"
OPEN_RESOURCE_TOPIC = "Open a resource topic…"

ARTICLES_TITLE = "Articles"
NO_ARTICLES = "No articles yet."
ARTICLES_FOOTER = "Pick one below. Each is read a short section at a time."

TOPICS_TITLE = "Help and resources"
NO_TOPICS = "No resource topics yet."
OPEN_TOPIC = "Open a topic…"

# ----------------------------------------------------------------- search

SEARCH_TITLE = "Search: {query}"
SEARCH_FOOTER = "Open a result from the menu below."
OPEN_RESULT = "Open a result…"
NOTHING_FOUND = "Nothing found for “{query}”. {next}"
NOTHING_FOUND_NEXT = (
    "Try one or two simple words (like “fatigue” or “back pain”), or browse everything in the library."
)

# ----------------------------------------------------------------- sharing in a channel

SHARE_CONFIRM = "This posts a copy in {channel} for everyone. Post it?"

# ----------------------------------------------------------------- privacy

PRIVACY_TITLE = "Your privacy"
PRIVACY_NOTICE = (
    "**What I keep:** your Discord user id, routine progress and completions, check-ins "
    "(pain, tiredness, stiffness, sleep, mood, your symptoms, an optional note), flares, "
    "medicines and doses you record, reminder settings, your safety plan and preferences. "
    "**Never:** your messages. **Why:** so routines can resume and your journal works. "
    "**For how long:** until you erase it. "
    "Health details are only ever shown to you privately and are never logged.\n"
    "`/privacy export` sends you a copy of everything; `/privacy delete` erases it all."
)

# ----------------------------------------------------------------- buttons

BUTTON_BROWSE_THE_LIBRARY = "Browse the library"
BUTTON_HELP_AND_RESOURCES = "Help and resources"
BUTTON_POST_IT = "Post it"
BUTTON_SHARE_IN_CHANNEL = "Share in channel"
BUTTON_START_READING = "Start reading"
BUTTON_YOUR_PRIVACY = "Your privacy"

# ----------------------------------------------------------------- sharing and stale buttons (cogs)

ONLY_SHARER_DELETES = "Only the member who shared this, or a moderator, can delete it."
CRISIS_NEVER_POSTED = "Crisis lines are only shown to you, privately. They can't be posted."
ITEM_GONE = "That item is no longer in the library. Try `/library` or `/search`."
CANNOT_POST = "I can't post here for you: this channel doesn't let you (or me) send messages."
SHARED = "Posted in {channel}. Its **Delete** button removes it (for you and the moderators)."
ALREADY_SHARED = "This was posted in {channel} a few minutes ago, so I didn't post it again."
