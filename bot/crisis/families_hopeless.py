"""Phrase families: no will to live, and the world better off without the writer (English).

Patterns use the small language of :mod:`bot.crisis.patterns` over the canonical tokens of
:mod:`bot.crisis.normalize` (so ``can't`` is written ``can not``, ``wanna`` is ``want to``,
accents are gone: ``más`` is ``mas``). To add a phrase family, see docs/crisis-detector.md.
"""

from __future__ import annotations

from bot.crisis.concern import Concern
from bot.crisis.family import Family

HOPELESS_FAMILIES: tuple[Family, ...] = (
    Family(
        "no-will-to-live",
        Concern.SUICIDE,
        (
            "do|does|did not ~1 want|wish|feel_like to @LIVE_OBJ",
            "no longer want|wish to @LIVE_OBJ",
            "never want to @LIVE_OBJ",
            "not want|wanting to @LIVE_OBJ",
            "not|no|never want|wanting|wish to? live !(@LIVE_PLACE)",
            "not|no|never want|wanting|wish to? exist|be_alive|life|living",
            "why god|lord ~1 does_not|do_not|will_not|can_not|would_not ~1 take me",
            "can_not|could_not|will_not ~1 @CANNOT_OBJ !(@ANYMORE?+like_this?+with+@DET?+~1+@CANNOT_WITH)",
            "can_not|could_not ~1 @ANYMORE $",
            "can_not|could_not hold on|on_much_longer &(@ANYMORE|$|much|any)",
            "do|does|did not think|know|feel i|she|he can|could ~1 @CANNOT_OBJ",
            "do|does|did not think|know|feel i|she|he can|could ~1 keep doing|going_on|living|surviving|hold_on &(@ANYMORE|$|like)",
            "no_way|only_way|other_way|see_a_way|see_any_way out ~3 dying|death|die|suicide|end_it|to_end|kill",
            "see_no|see_no_other|no|no_other|only way out $",
            "can_not see|find a|any way out",
            "the only way out",
            "why ~1 bother|even_bother|keep|should_i_keep ~2 living|waking_up|going_on|staying_alive|being_alive|getting_up_anymore",
            "why should|do|would i ~1 keep|bother|even_bother living|going|going_on|trying|waking_up|staying_alive|being_alive",
            "nothing matters @ANYMORE|$",
            "will not be able to @CANNOT_OBJ",
            "unable to @CANNOT_OBJ",
            "no|not_any|not_much|without point|reason|purpose|meaning|use ~1 @POINT_OBJ",
            "no|lost_the|lost_my|lost_all|losing_the|losing_my|losing_all|without|not_much will|desire|wish|reason|reasons for_me? to live|be_alive_anymore|go_on|keep_going|keep_living|stay_alive|be_alive|be_here|wake_up|continue_living|keep_on_living|go_on_living|carry_on",
            "no|lost_the|lost_my|without reason|reasons|will to continue &($|@ANYMORE|like|on|this_way)",
            "what is ~1 the point|use|reason ~1 @POINT_OBJ",
            "what is ~1 the point|use &(@ANYMORE)",
            "what is ~1 the point|use $",
            "do|does|did not ~1 see ~1 point|reason|purpose ~1 @POINT_OBJ",
            "can_not|could_not see ~1 point|reason|purpose ~1 @POINT_OBJ",
            "life|living|my_life|existence|existing|everything is|feels|seems ~1 pointless|meaningless|worthless|hopeless|not_worth_it|not_worth_living|too_much_to_bear",
            "not|no_longer worth living|being_alive|the_fight|fighting_for|saving",
            "life|my_life|living is not|no_longer ~1 worth",
            "nothing ~1 to live|go_on|keep_going for",
            "nothing ~1 left to live|fight for",
            "@TIRED ~2 of|with|from @TIRED_OBJ",
            "hate|hating being_alive|existing|my_existence",
            "hate|hating living &($|like_this)",
            "life is|has_been|feels too hard|unbearable|not_worth &(@ANYMORE|$)",
            "@WISH i do|did|will|would not|never wake up|wake !(at|early|before|so|in|with|on|until|till)",
            "hope|hoping|wish|pray|praying not_to|to_not|i_never|to_never wake up|wake !(at|early|before|so|in|with|on|until|till)",
            "give|giving|gave|given up on|on_my life|living",
            "do|does|did not ~1 deserve to live|be_alive|be_here|exist",
        ),
    ),
)
