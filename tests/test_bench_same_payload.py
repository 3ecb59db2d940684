"""How the same-payload baseline finds our bot's answer to an interaction (bench/same_payload_bot.py)."""

from __future__ import annotations

from bench.same_payload_bot import keys_of


def test_a_slash_command_is_found_by_its_options_in_any_order() -> None:
    one = keys_of(2, {"name": "read", "options": [{"name": "article", "value": "a"}]})
    assert one == ('cmd:read:[{"name":"article","value":"a"}]', "cmd:read")
    assert keys_of(2, {"name": "read"})[0] != one[0]


def test_an_autocomplete_by_what_was_typed() -> None:
    data = {"name": "read", "options": [{"name": "article", "value": "lu", "focused": True}]}
    assert keys_of(4, data) == ("ac:read:lu", "ac:read")


def test_a_press_by_custom_id_else_by_its_words() -> None:
    exact, kind = keys_of(3, {"custom_id": "lc:rt:fc7273fadbc7437ab306372f615cafeb:pause:3"})
    assert exact == "cid:lc:rt:fc7273fadbc7437ab306372f615cafeb:pause:3"
    assert kind == "cid:lc:rt:pause"  # the session id and card version are dropped


def test_a_dm_by_its_words() -> None:
    assert keys_of("dm", {"content": "hello"}) == ("dm:hello", "dm")
