"""Test-side descriptions of a routine session: where it is in words, and which presses make sense.

The bot shows a progress count instead of these labels; the tests keep them because a walk through
a routine reads best as a list of positions in words."""

from __future__ import annotations

from bot.routines.session import Action, Phase, RoutineSession


def allowed_actions(s: RoutineSession) -> frozenset[Action]:
    """The presses that make sense in each phase (HURT in every live one): none may be refused."""
    match s.phase:
        case Phase.INTRO:
            return frozenset({Action.START, Action.STOP, Action.HURT})
        case Phase.HOLD | Phase.REST:
            return frozenset({Action.NEXT, Action.BACK, Action.PAUSE, Action.SKIP, Action.STOP, Action.HURT})
        case Phase.PAUSED:
            return frozenset({Action.RESUME, Action.STOP, Action.HURT})
        case _:
            return frozenset()


def position_label(s: RoutineSession) -> str:
    """Where a session is, in words the tests read easily: ``Step 2 of 4 · Knee to chest (left) ·
    rep 1 of 2`` (side only for two-sided steps, rep only when there are several; a movement done
    several times says ``· 5 times``; during REST, the upcoming position)."""
    step = s.current_step
    label = f"Step {s.step_index + 1} of {len(s.routine.steps)} · {step.title}"
    if s.current_side is not None:
        label += f" ({s.current_side})"
    if step.is_movement and step.reps > 1:
        label += f" · {step.reps} times"
    elif step.reps_per_side > 1:
        label += f" · rep {s.rep_index + 1} of {step.reps}"
    return label
