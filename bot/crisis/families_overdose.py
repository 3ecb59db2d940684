"""Phrase families: overdose, taken, planned or stockpiled (English).

Patterns use the small language of :mod:`bot.crisis.patterns` over the canonical tokens of
:mod:`bot.crisis.normalize` (so ``can't`` is written ``can not``, ``wanna`` is ``want to``,
accents are gone: ``más`` is ``mas``). To add a phrase family, see docs/crisis-detector.md.
"""

from __future__ import annotations

from bot.crisis.concern import Concern
from bot.crisis.family import Family, words

_TOOK_ALL_VETO = words(
    "morning evening breakfast lunch dinner food schedule daily routine yay finally remembered time today "
    "vitamins supplements organizer pillbox forgot forget remember remind reminder sure did prescribed doctor gave "
    "pharmacy pharmacist refill refills fridge cheaper cost costs insurance coupon tried nothing helped spread split "
    "ate meals walk water hydrated"
)

OVERDOSE_FAMILIES: tuple[Family, ...] = (
    # --- overdose (lead with the emergency number and poison control)
    Family(
        "overdose-took",
        Concern.OVERDOSE,
        (
            "@TOOK_PAST @ALL_OF @POSS|the|those|these|that? ~2 @MEDS",
            "@STRONG_INTENT|@THINK|would_be ~3 take|swallow|taking|swallowing|down|downing|pop|popping|overdose_on @ALL_OF @POSS|the|those|these|that? ~2 @MEDS",
            "@TOOK_PAST @TOO_MANY @POSS|the? ~2 @MEDS",
            "overdid|overdo|overdoing|overdone @POSS|the|it_on|it_with|it_on_my|it_with_my ~1 @MEDS",
            "@MEDS ~9 take|taking|swallow|swallowing|took|swallowed them|those|these|it all|at_once|in_one_go",
            "keep|kept|been|am staring at the|my|those|all_my @MEDS",
            "take|taking|swallow|swallowing|took|swallowed all|every_one of them|those|these|it",
            "@MEDS ~3 next_to_me|in_front_of_me|beside_me|in_my_hand|in_my_hands|lined_up|counted_out !(for|in_the|in_my_organizer|in_my_pill|by_day)",
            "@TOOK_PAST @TOO_MANY on_purpose",
            "@TOOK_PAST ~3 @MEDS ~3 @ON_PURPOSE|at_once|all_at_once|in_one_go",
            "mix|mixed|mixing @ALL_OF my? ~1 @MEDS with|and alcohol|vodka|wine|whiskey|booze|liquor|beer",
            "@TOOK_PAST|take|swallow|drank|down|downing|chug|chugging ~1 a|an|the whole|entire? bottle|box|pack|packet|strip|container|jar|blister ~1 of ~2 @MEDS",
            "@TOOK_PAST|swallowed the|a whole|entire bottle $",
            "@TOOK_PAST ~1 #MANY|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen|dozens ~2 @MEDS",
            "@TOOK|take every|each pill|pills|tablet|tablets|med|meds ~2 in|i_have|i_own|we_have|left",
            "have|has eat|take|swallow|drink many|so_many|too_many|all|lots_of|a_lot_of ~3 @MEDS",
            "@MEDS ~3 all_the|whole_the box|bottle|pack|packet|strip|blister|sheet",
            "taking @ALL_OF my ~2 @MEDS ~3 bye|goodbye|at_once|all_at_once|in_one_go",
            "lined_up|laid_out|counted_out|set_out all? @POSS|the ~1 @MEDS !(for|in_the|in_my_organizer|in_my_pill|by_day|by_the_day)",
        ),
        veto=_TOOK_ALL_VETO,
    ),
    Family(
        # A weekly medicine taken daily by mistake (methotrexate is the lupus one): poison control now,
        # whatever the organizer or the schedule around it.
        "overdose-weekly-daily",
        Concern.OVERDOSE,
        (
            "@TOOK_PAST|taking|been_taking|take|taken ~2 weekly ~2 @MEDS|dose|pill|pills|tablets|shot ~4 every_day|daily|each_day|every_morning|every_night|every_evening",
            "methotrexate|mtx ~4 days_in_a_row|in_a_row|every_day_this_week",
            "methotrexate|mtx ~4 every_day|daily|each_day|every_morning|every_night ~4 thinking|instead|by_mistake|for|accidentally|mouth|sores|this_week|because|all_week|since",
            # a double taken by mistake is a question for the pharmacist, unless it is making them ill
            "oops|accidentally|accidently|by_mistake|mistakenly ~2 took|taken|take|taking ~4 twice|again|double|two_times|three_times ~10 shaky|shaking|racing|dizzy|confused|vomiting|throwing_up|can_not_breathe|passing_out|fainted",
            "took|taken|take|taking ~3 @MEDS|dose|meds|pills twice|again ~5 by_mistake|accidentally ~10 shaky|shaking|racing|dizzy|confused|vomiting|throwing_up|can_not_breathe|passing_out|fainted",
            "doubled|tripled|double|triple my|the ~1 @MEDS|dose ~8 throwing_up|vomiting|racing|confused|shaky|dizzy|can_not_breathe|passing_out",
            # methotrexate is weekly: a second dose in a week is a call to poison control
            "double|doubled|triple|tripled dosed|dose|dosing|up|up_on ~2 @POSS|the|on|of? ~1 methotrexate|mtx",
            "accidentally|by_mistake|forgot_and|oops ~3 took|taken|take ~2 methotrexate|mtx|weekly_dose ~3 twice|again|two_times",
            "metotrexato ~4 todos_los_dias|diario|cada_dia|a_diario",
        ),
    ),
    Family(
        "overdose-words",
        Concern.OVERDOSE,
        (
            "overdose|overdosing|overdosed|overdoses|overdosis",
            "@STRONG_INTENT|@THINK|i|just|almost|nearly|i_have odx !(daily|once|a_day|at|in|twice|with)",
            "odx $",
            "^ odx on|with @POSS|all_my|the|those ~1 @MEDS",
            "odx|overdosed on_purpose|deliberately|intentionally|again",
            "die|dead|kill_me from|of|if taking|i_take|i_took|overdosing_on too_much|too_many|all_my|a_lot_of|a_bunch_of ~1 @MEDS?",
            "die|dead from|of|if taking|you_take|i_take|swallowing a_whole|the_whole|whole|all_your|all_of_your|an_entire|a_full ~3 @MEDS|pack|bottle|box",
            "lethal|fatal|deadly|killing dose|doses|amount|quantity|number !(of_caffeine|of_coffee|of_water|of_sugar|of_chocolate|of_sun|of_sunlight|of_radiation|of_vitamin|of_salt|of_alcohol_for)",
            "passed_out|unconscious|unresponsive|not_responding|will_not_wake_up|not_waking_up ~5 @MEDS|empty_bottle|empty_bottles|pill_bottles",
            "@TOOK_PAST|swallowed ~2 days|weeks|week|month|months worth|supply of? ~2 @MEDS",
            "@TOOK_PAST|swallowed my|a|the|an whole|entire|full day|days|week|weeks|month|months of|worth_of ~2 @MEDS !(to|with|back|into|along|for)",
            "is|are|would|will #MANY|twenty|thirty|forty|fifty|hundred ~1 @MEDS ~1 enough|lethal|fatal|deadly|kill",
            "#MANY|twenty|thirty|forty|fifty|hundred ~1 @MEDS ~2 enough to ~1 do_it|die|end_it|kill|not_wake_up|never_wake_up",
            "locked|locking|locks|shut @REFL in ~4 with &(~3+@MEDS|pill_bottles|bottles)",
            "@TOOK_PAST extra|more|some ~1 @MEDS ~6 with|and|plus a? glass|bottle|glasses|bottles|shot|shots? of? wine|vodka|whiskey|alcohol|booze|beer|liquor|rum|gin",
            "can_not stop|keep|kept|been looking|staring at the|my|those bottle|bottles|@MEDS",
            "@TOOK_PAST a ~1 handful|fistful|bunch|pile|load of ~2 @MEDS",
            "@TOOK_PAST double|triple ~1 methotrexate|mtx",
            "swallowed|took ~2 all|every ~4 pill|pills|tablet|tablets|meds ~3 in|from my|the pill_organizer|organizer|pillbox|pill_box",
            "double|doubled|triple dosed|dose|up ~3 blood_thinner|blood_thinners|warfarin|coumadin|eliquis|xarelto|apixaban",
            "swallowed|took everything|all in|from my|the pill_organizer|organizer|pillbox|pill_box|medicine_cabinet",
            "put_on|used|applied|wearing|stuck_on two|three|four|five|#MANY ~2 patches ~2 instead|at_once|at_the_same_time",
            "put|stuck a_few|several|some|two|three ~2 on at_once|at_the_same_time",
            "mixed up|mixed_up ~2 bottles|pills|meds|my_pills ~10 took ~12 slow|faint|racing|confused|vomiting|throwing_up|can_not_feel|heartbeat|shaking",
            "@TOOK_PAST too_many|too_much|way_more|way_too_many|more_than|way_too_much ~12 can_not_feel|ringing|throwing_up|vomiting|faint|slow|confused|sleepy|shaking|can_not_breathe|yellow|jaundice|stomach_hurts",
            "#MANY|days|weeks|months of ~2 everything|@MEDS|meds|pills stashed|saved|stockpiled|hoarded",
            "@TOOK_PAST triple|double|quadruple|twice|three_times|four_times my|the ~1 dose|doses|amount",
            "#MANY mg|milligrams of ~1 @MEDS in_one_go|at_once ~2 dangerous|lethal|fatal|deadly|too_much",
            "taking|took|been_taking ~2 extra|more @MEDS ~14 confused|confusion|racing|pounding|can_not_breathe|passing_out|passed_out|unresponsive|hallucinating|barely_keep_my_eyes_open|can_not_keep_my_eyes_open|can_not_stay_awake|slurring|shallow_breathing|slow_breathing",
            "@MEDS ready|lined_up|counted_out|laid_out|in_front_of_me !(for|in_the|in_my_organizer|in_my_pill|by_day)",
            "enough ~1 @MEDS ~3 to_die|to_do_it|to_end|to_kill|to_never|to_not_wake|saved|stashed|hidden|hoarded|stockpiled|for_when",
            "@MEDS saved|stashed|hidden|hoarded|stockpiled|set_aside|put_aside ~2 for_when|in_case|just_in_case|to_do_it|to_end|to_die|until_i_am_ready|for_the_day_i|for_the_end|for_later",
            "how many|much ~4 @MEDS ~3 would_it_take|it_would_take|would_kill|will_kill|to_kill|to_die|to_overdose|to_odx|is_lethal|is_fatal|would_be_lethal|would_be_enough|is_enough_to",
            "how many|much ~1 @MEDS ~5 die|kill|lethal|fatal|overdose|odx|not_wake_up|never_wake_up|end_it|to_end|dead",
        ),
        # "is it dangerous to overdose on tylenol?", "careful not to overdose": a safety question;
        # "the overdose threshold for tylenol", "does an overdose cause eye problems": a question of fact;
        # "the overdose crisis in my city", "I'm an ER nurse and see overdoses every shift": the news, a job
        veto=words(
            "dangerous careful avoid prevent risk risks risky warning warnings warned safely naloxone narcan "
            "episode show movie film documentary series scene podcast novel threshold possible cause causes "
            "crisis epidemic deaths statistics news nurse nurses paramedic paramedics shift psa"
        ),
    ),
    Family(
        "overdose-saving",
        Concern.OVERDOSE,
        (
            "saving|saving_up|saved|saved_up|stockpiling|stockpile|stockpiled|hoarding|hoard|hoarded|stashing|stashed|collecting|collected ~3 @MEDS",
            "pill|pills|med|meds stash|stockpile|hoard",
            "#MANY ~1 @MEDS saved|saved_up|stashed|hidden|hoarded|stockpiled|put_away|set_aside|tucked_away",
            "what happens|would_happen|will_happen if|when you|i|someone|u take|took|swallow|swallowed|takes #MANY|all ~2 @MEDS|of",
            "what happens|would_happen|will_happen if|when you|i|someone|u take|took|swallow|swallowed|takes a|an|the whole|entire ~1 month|week|bottle|box|pack of ~2 @MEDS",
        ),
        veto=words(
            "organizer organiser weekly pillbox box trip travel travelling traveling vacation holiday refill "
            "pharmacy insurance money cost costs cheaper expire expired expiry fridge shortage shortages "
            "sunday week flare flares emergency emergencies breakthrough okay ok safe allowed days"
        ),
    ),
)
