"""Tracking beyond pain and fatigue: the check-in card, symptoms, flares, medicines, patterns (no Discord)."""
