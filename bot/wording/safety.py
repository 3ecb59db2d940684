"""What the safety screens say: the crisis card's footer and the safety plan."""

from __future__ import annotations

# ----------------------------------------------------------------- the crisis card

CRISIS_FOOTER = "\n\n*Not where you live? Tap your region below; I'll remember it, privately.*"

# ----------------------------------------------------------------- the safety plan

PLAN_TITLE = "My safety plan"
PLAN_PART_TITLE = "My safety plan ({number} of {parts})"
PLAN_INTRO = (
    "A safety plan is your own short list for hard moments: the signs that one is coming, "
    "what helps, who you can reach, and your reasons to keep going. It is private: only you see it. "
    "Write it when you feel steady, and open it from any crisis card."
)
NOT_WRITTEN_YET = "*(not written yet)*"
PLAN_SAVED = "Saved. Only you can see this."
PLAN_SAVED_PART_2_NEXT = "Saved. Only you can see this. Part 2 is next."

# ----------------------------------------------------------------- buttons

BUTTON_ASK_A_MODERATOR_TO_REACH_OUT = "Ask a moderator to reach out"
BUTTON_BREATHE_WITH_ME = "Breathe with me"
BUTTON_FIRST_PART = "First part"
BUTTON_NEXT_PART = "Next part"
BUTTON_WRITE_MY_PLAN = "Write my plan"
BUTTON_WRITE_PART_2 = "Write part 2"
BUTTON_EDIT_PART = "Edit part {number}"

# ----------------------------------------------------------------- the moderator handoff (cog)

HANDOFF_NOTE = (
    "🤝 {mention} ({name}, id {id}) tapped "
    "**Ask a moderator to reach out** on the bot's crisis card. Please reach out to them kindly. "
    "They chose to send this; the bot shares nothing they wrote."
)
"""Exactly what moderators see: who asked, and nothing they wrote."""
HANDOFF_ALREADY_SENT = (
    "I've already asked the moderators a few minutes ago. Someone will reach out when they can."
)
HANDOFF_FAILED = (
    "I couldn't reach the moderators just now. Please try again, or message a moderator yourself."
)
HANDOFF_SENT = (
    "I asked the moderators to reach out. This is exactly what I sent them:\n{quoted}\n"
    "Nothing you wrote was shared."
)
NO_SUPPORT_CHANNEL = "This server has not set up a moderator channel for this, sorry."
UNKNOWN_REGION_BUTTON = "That region is not one I know. Please tap one of the buttons."
GROUNDING_MISSING = "The breathing exercise isn't available right now. Try `/stretch`."
