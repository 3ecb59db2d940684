"""Concept rules: crisis ideas recognised from the words they combine, not from listed phrases.

The phrase families of :mod:`bot.crisis.lexicon` know how people say it; these rules know
what it is made of, so wording nobody listed is still heard. Each rule combines concepts
within one sentence (the ``~N`` gaps of :mod:`bot.crisis.patterns` never cross a sentence
end nor skip a negation):

1. a **means** (rope, knife, gun, pills, bridge, ledge, platform, traffic, a car crash …)
   with the writer's **intent, thought, acquisition or handling** (want, going to, thinking
   about, bought, hold, stand at the edge …), with everyday guards (cooking, a swing …);
2. **preparation and farewell** acts (letters "just in case", secret goodbyes, giving
   belongings away, life insurance for the family, a plan and a date, last messages);
3. **burden and absence** (others better off / relieved if I were gone, nobody would miss
   me, I am a burden);
4. **not wanting to exist / giving up on life** (no reason to stay, giving up for good,
   the point of me, done with living, can't keep fighting, want out, want it all to end).

Hyperbole that borrows crisis words ("my legs want to die", "overdosed on coffee") is
defused in the token stream first (:func:`defuse`), so no rule or family reads it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.crisis.concern import Concern
from bot.crisis.family import Family, words
from bot.crisis.guards import OTHER_PEOPLE
from bot.crisis.normalize import BOUNDARY, squeeze

CONCEPT_CLASSES: dict[str, tuple[str, ...]] = {
    # --- 1. means
    "MEANS_HELD": (
        "rope", "hangrope", "knife", "knives", "blade", "blades", "razor", "razors", "razor blade",
        "razor blades", "gun", "guns", "pistol", "revolver", "rifle", "shotgun", "bullet", "bullets",
        "pills", "tablets", "meds", "bottle", "pill bottle", "stash", "cord", "belt",
    ),
    "MEANS_BOUGHT": (
        "rope", "hangrope", "gun", "pistol", "revolver", "rifle", "shotgun", "bullets", "razor blades",
        "blades", "charcoal", "helium", "hose",
    ),
    "PLACE_EDGE": (
        "edge", "ledge", "platform", "tracks", "track", "bridge", "roof", "rooftop", "balcony", "cliff",
        "overpass", "railing", "window", "top of the building", "top floor", "parking garage",
    ),
    "ACQUIRE": (
        "bought", "buy", "buying", "got", "get", "getting", "purchased", "ordered", "found", "have",
        "has", "picked up", "keep", "keeping", "hid", "hidden", "hiding", "stashed", "own",
    ),
    "HANDLE": (
        "hold", "holding", "held", "stare at", "staring at", "stared at", "look at", "looking at",
        "looked at", "keep looking at", "keep staring at", "sit with", "sat with", "sitting with",
        "play with", "playing with", "touch", "touching",
    ),
    "STAND": ("stand", "standing", "stood", "sit", "sitting", "sat", "lean", "leaning", "leaned", "walk", "walked"),
    "CONTEMPLATE": (
        "think about it", "thinking about it", "thought about it", "think about doing it", "thinking about doing it",
        "wonder what if", "wondering what if", "wonder how", "wondering how", "how easy", "how easily", "tempted",
        "jump", "jumping", "step off", "stepping off", "step forward", "stepping forward", "lean forward",
        "let go", "falling", "end it", "use it", "do it", "the urge",
    ),
    "WILL": (
        "@INTENT", "@THINK", "going to", "gonna", "about to", "if i", "what if i", "maybe i", "could just", "kinda want to", "kind of want to", "half want to",
        "feel like", "tempted to",
    ),
    "CRASH": ("crash", "crashing", "wreck", "wrecking", "total"),
    "VEHICLE": ("car", "truck", "van", "motorbike", "bike"),
    "DRIVE": (
        "drive", "driving", "drove", "steer", "steering", "steered", "swerve", "swerving", "swerved", "veer",
        "veering", "veered", "run", "turn", "crash", "crashed",
    ),
    "INTO": ("into", "off", "in front of"),
    "CRASH_TARGET": (
        "wall", "tree", "traffic", "the road", "a bridge", "the bridge", "cliff", "river", "lake", "truck",
        "pole", "barrier", "oncoming", "a semi", "lorry", "bus", "train", "overpass", "guardrail", "ditch",
    ),
    "LEAP": ("jump", "jumping", "step", "stepping", "throw myself", "throwing myself", "fall", "leap"),
    "LEAP_TARGET": (
        "off|from @DET? ~2 @PLACE_EDGE|something|somewhere|high",
        "in front of|onto|into @DET? ~1 train|bus|truck|traffic|car|cars|tracks|rails|river|sea|ocean|lake",
    ),
    "WATER": ("ocean", "sea", "river", "lake", "water", "waves"),
    "ALL_DOSE": (
        "everything", "every pill", "every tablet", "every single pill", "all of them", "all of it",
        "all my", "all of my", "all the", "the whole", "the entire", "the rest of", "whole bottle",
    ),
    "SWALLOW": ("swallow", "swallowing", "take", "taking", "down", "downing", "eat", "eating", "pop", "popping"),
    # --- 2. preparation and farewell
    "LETTERS": ("letter", "letters", "note", "notes", "goodbye letter", "goodbye letters", "a message", "messages", "video"),
    "WROTE": ("wrote", "written", "writing", "write", "left", "leaving", "leave", "recorded", "recording", "drafted"),
    "LETTER_TO": (
        "to|for @DET? ~1 kids|children|family|husband|wife|partner|mom|mum|dad|parents|sister|brother|son|daughter|"
        "grandkids|grandchildren|friends|girls|boys|boyfriend|girlfriend|everyone|everybody|loved_ones",
        "to|for each|all of them",
    ),
    "JUST_IN_CASE": (
        "just in case", "in case", "for when i am gone", "for when i go", "for after i am gone", "for after",
        "to read after", "to find", "goodbye", "goodbyes", "explaining why", "to say sorry", "saying sorry",
        "for afterwards", "when i am gone", "when i am not here",
    ),
    "SECRETLY": (
        "without", "secretly", "in secret", "for the last time", "one last time", "last time", "forever",
        "for good", "and they do not know", "and she does not know", "and he does not know", "she does not know",
        "he does not know", "they do not know", "without them knowing", "without him knowing",
        "without her knowing", "it was goodbye", "for real", "in my head", "in my mind", "quietly", "silently",
        "slowly", "one by one", "so it will not hurt", "so they will not", "without saying",
    ),
    "BELONGINGS": (
        "@POSS? stuff|things|belongings|possessions|jewelry|jewellery|books|clothes", "stuff", "things", "belongings", "possessions", "everything", "all my", "my things", "my stuff",
        "my pets", "my cat", "my dog", "my jewelry", "my jewellery", "my favourite", "my favorite",
    ),
    "PAYOUT": (
        "pay", "pays", "paid", "payout", "pay out", "pay off", "collect", "collecting", "cash", "money",
        "better off", "would be fine", "worth more", "take care of them", "cover", "get", "would get",
    ),
    # --- 3. burden and absence
    "OTHERS": (
        "everyone", "everybody", "they", "family", "my family", "kids", "my kids", "children", "my children",
        "husband", "my husband", "wife", "my wife", "partner", "my partner", "parents", "my parents", "mom",
        "my mom", "mum", "my mum", "dad", "my dad", "the world", "people", "friends", "my friends", "he",
        "she", "them", "all of them", "all of you", "you",
    ),
    "RELIEF": (
        "relieved", "happier", "freer", "better off", "better", "easier", "less stressed", "lighter", "fine",
        "at peace", "free", "richer", "glad", "thankful", "grateful", "okay", "breathe easier", "sleep better", "chill",
        "happy", "more happy", "good", "better without", "safer",
    ),
    "GONE_STATE": (
        "@GONE", "gone", "dead", "die", "disappear", "disappeared", "vanished", "was not here", "were not here",
        "was not around", "were not around", "was not alive", "were not alive", "was no longer here",
        "was no longer around", "did not exist", "was not there", "no longer existed", "stopped existing",
        "was not in their lives", "was out of the picture", "was not in the way", "was not in it", "were not in it",
        "was not in the picture", "was not in their way", "was not in this world",
        "am not here", "am not around", "am not alive", "am no longer here", "am gone", "am dead", "do not exist",
        "not exist", "not be here", "am not in it", "was not born",
    ),
    "GONE_GUARD": (
        "for", "to", "on", "from", "into", "under", "at", "with", "until", "till", "down", "off", "over",
        "because", "since", "a", "the", "this", "last",
    ),
    "BURDEN": (
        "burden", "weight", "drain", "load", "problem", "nuisance", "liability", "dead weight", "millstone",
        "trouble",
    ),
    "NOBODY": ("nobody", "no one", "noone", "no body", "not a single person", "not one person"),
    "MISS": ("miss", "notice", "care", "cry", "mourn", "grieve", "blink", "bat an eye", "realise", "realize", "know"),
    "DAY": (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tonight", "tomorrow",
        "today", "next week", "this weekend", "the weekend", "my birthday", "christmas",
    ),
    # --- 4. not wanting to exist, giving up
    "STAY": (
        "stay !(in|at|home|up|late|overnight|with|for|inside|out|on|over|positive|strong|hydrated|calm|awake|put)",
        "staying !(in|at|home|up|late|overnight|with|for|inside|out|on|over|positive|strong|hydrated|calm|awake)",
        "be here", "being here", "be alive", "being alive", "live !(@LIVE_PLACE)",
        "living !(@LIVE_PLACE|with|room|costs|cost|expenses|situation|arrangement|arrangements)", "keep going", "keep living",
        "go on $|@ANYMORE|living|with_life|like_this", "carry on $|@ANYMORE|living|with_life",
        "continue $|@ANYMORE|living|with_life", "stick around", "exist", "existing", "keep fighting",
        "keep trying $|@ANYMORE", "wake up $|@ANYMORE", "get up $|@ANYMORE",
        "be around", "hold on", "hang on $|@ANYMORE",
    ),
    "FOR_GOOD": (
        "for good", "on life", "on living", "on everything &($|@ANYMORE|and|now|honestly|tbh|already|completely|i)", "on myself", "on me", "forever", "completely",
        "for real", "on it all", "on all of it", "on being alive", "on staying alive", "on the fight",
        "on fighting", "on trying to live", "on my life", "on this life", "on the world",
    ),
    "FIGHT_ON": (
        "$", "this body", "this disease", "this illness", "it", "@ANYMORE", "this", "lupus", "my body",
        "for much", "every day", "like this", "to stay alive", "to live", "to be here", "for my life",
    ),
    "OUT_END": (
        "$", "permanently", "for good", "forever", "of this life", "of life", "of this world", "of here for good",
        "of existence", "of living", "of my life",
    ),
    "IT_ALL": ("it all", "everything", "all of it", "all of this", "it forever", "my life", "life", "my existence"),
    "ENDS": ("end", "be over", "over", "go away forever", "finish", "be done", "end forever"),
    # --- 5. hyperbole that borrows crisis words
    "LIMB": (
        "knees", "knee", "legs", "leg", "feet", "foot", "hands", "hand", "back", "joints", "arms", "arm",
        "hips", "hip", "muscles", "calves", "thighs", "glutes", "quads", "hamstrings", "ankles", "wrists",
        "shoulders", "fingers", "toes", "lungs", "brain cells", "ears", "eyes", "neck", "abs", "bum", "butt",
    ),
}  # fmt: skip

# Words in the same sentence that make a means everyday ("a rope for the swing", "cooking knife").
_MEANS_VETO = words(
    "swing tree cooking cook kitchen chopping chop meal prep dinner lunch breakfast bread cake vegetables veggies "
    "veg onions carving camping climbing gym skipping jump rope tug hunting range shaving legs beard armpits sharpen "
    "grip grips handle handles opener jar sharpening garden gardening laundry washing line boat sailing dog leash horse christmas present gift crafts "
    "craft sewing whittling fishing train ticket commute commuting late delayed delay station waiting wait bus stop "
    "view sunset photos photo picture pictures selfie fireworks repair repairs roofer leak leaking gutters painting "
    "tour lesson lessons class museum hiking hike scenic diving dive pool swimming swim trampoline jacks parachute "
    "bungee skydiving vacation holiday beach trip cleaning clean cleaned sprinkler lawn yard veggie veggies patch plants watering"
)
_DOSE_VETO = words(
    "dog cat kids grandkids toddler baby children puppy morning breakfast lunch dinner vacation holiday trip travel travelling traveling with_me doctor appointment "
    "pharmacy pharmacist prescribed schedule routine water food supplements vitamins bag suitcase or together "
    "separately spread space same"
)
_FAREWELL_VETO = words(
    "maternity baby babies joke tease teasing strongly complaint complain complaints rant vent "
    "retiring retire retired moving move moved party wedding graduation school class college job work colleague "
    "colleagues coworkers vacation holiday trip pen pals pal christmas birthday thank cards card santa teacher "
    "rheumatologist doctor nurse decluttering declutter charity donate donating donation garage sale outgrown fit "
    "kondo downsizing downsize passed died funeral hospice grave surgery operation hospital admitted"
)
_INSURANCE_VETO = words("baby born quote quotes premium premiums cheaper policy beneficiary change update")

_PERSON_OBJ = "me|him|her|them"

CONCEPT_FAMILIES: tuple[Family, ...] = (
    # 1. means with intent, thought, acquisition or handling
    Family(
        "concept-means-acquired",
        Concern.SUICIDE,
        (
            "@ACQUIRE @DET? ~2 @MEANS_BOUGHT !(for|to_fix|to_tie|to_hang_the|to_hang_my|to_hang_a|license|licence|permit|safe|class|course|range|shop|store|show|rack|lights|light|swing|ladder)",
            "garage ~5 car|engine|motor ~1 running|on|idling",
            "exit|suicide bag|bags",
            "car|engine|motor running|on|idling ~4 in the garage|closed_garage",
            "there is @DET? ~1 @MEANS_BOUGHT in|under @DET? ~1 closet|car|drawer|room|bedroom|garage|bag|wardrobe",
        ),
        veto=_MEANS_VETO,
    ),
    Family(
        "concept-means-handled",
        Concern.SUICIDE,
        (
            "@HANDLE @DET? ~2 @MEANS_HELD ~6 @CONTEMPLATE",
            "@MEANS_HELD in|against|to|on @POSS|the? hand|hands|wrist|wrists|arm|arms|throat|neck|head|lap|skin right_now|now|$|again|tonight",
            "sitting|sat|sit|up ~4 with @POSS|a|the ~1 @MEANS_HELD across|on|in my knees|lap|legs",
            "@PLACE_EDGE|railing|train_line|train_schedule|trains ~6 longer|more than i should",
            "looked|looking|look at ~4 for the wrong reasons",
            "think|thinking|thought about ~2 not turning|steering|braking|stopping ~1 the? wheel|car",
            "cleaning|cleaned|oiling|oiled my gun|rifle|pistol|shotgun ~4 more than|a_lot|every_night|again",
            "@STAND ~2 at|on|by|near|over @DET? ~1 @PLACE_EDGE ~8 @CONTEMPLATE",
            "mind|thoughts|head keep|keeps|kept going|drifting|wandering|going_back to @DET? ~2 @MEANS_HELD|bridge|roof|tracks",
            "@THINK @DET? ~1 tracks|rails|railway|railway_line|train_line|train_tracks|ledge|cliff|overpass|rooftop|bridge !(repair|repairs|work|works|replacement|toll|game|club|tournament|trip|building|construction|party|photo|photos)",
            "@PLACE_EDGE ~6 stood|standing|sat|sitting there? ~2 looking|staring|peering down|over !(at)",
            "@WILL ~2 @CRASH @DET? ~1 @VEHICLE",
            "@WILL ~2 @DRIVE @DET? ~1 @VEHICLE? ~2 @INTO @DET? ~1 @CRASH_TARGET",
            "@WILL ~2 @LEAP @LEAP_TARGET",
            "@WILL ~2 walk|walking|wade|wading into @DET? @WATER",
            "@WILL ~2 hang|hanging|drown|drowning|suffocate|suffocating @REFL",
            # asking how it would feel: "does it hurt to jump from a high place"
            "hurt|painful|hurts to jump|leap|fall from|off @DET? ~2 high|height|heights|bridge|building|roof|rooftop|cliff|window|balcony|ledge|tall|place|storey|story|floor|overpass",
            "does|would|will it hurt|be_painful to hang|drown|bleed_out|suffocate",
        ),
        veto=_MEANS_VETO,
    ),
    Family(
        "concept-means-pills",
        Concern.OVERDOSE,
        (
            "@STRONG_INTENT|@THINK ~2 @SWALLOW @ALL_DOSE ~4 @MEDS|cabinet|organizer|pillbox|medicine_cabinet|bottle|stash|at_once",
            "@STRONG_INTENT|@THINK ~2 @SWALLOW every|each @MEDS",
            "@MEDS ~6 for|until when? i decide|am_ready|choose|have_had_enough|want_to_go|need_them_for_it",
            "@MEDS ~8 when|until it_is|the_time_is time|right|the_time",
            "@HANDLE @DET? ~1 medicine_cabinet|cabinet|pill_bottles|pills|meds|bottle|bottles ~3 and? counting|counted $|them|again|the_pills",
            "hid|hidden|hiding|stashed|stash @DET? ~1 @MEDS where|so ~3 can_not_find|will_not_find|does_not_know|do_not_know|no_one|nobody",
            "swallowed|downed|chugged what_was_left|the_rest|whatever_was_left ~2 @MEDS",
            "@MEDS ~6 for the? right|final|last|perfect moment|time|day|night",
            "how long|fast|quickly ~5 die|dying|death from|of|on ~1 @MEDS",
            "@MEDS ~6 vodka|wine|whiskey|alcohol|booze|liquor|rum|gin ~3 ready|lined_up|next_to_me|in_front_of_me|tonight|waiting",
            "vodka|wine|whiskey|alcohol|booze|liquor|rum|gin ~6 @MEDS ~3 ready|lined_up|next_to_me|in_front_of_me|tonight|waiting",
            "how many ~4 @MEDS ~4 it_take|it_would_take|would_it_take|does_it_take|kill|lethal|fatal|to_die|enough_to",
        ),
        veto=_DOSE_VETO,
    ),
    # 2. preparation and farewell
    Family(
        "concept-farewell",
        Concern.SUICIDE,
        (
            "@WROTE @DET? ~2 @LETTERS @LETTER_TO? @JUST_IN_CASE",
            "@WROTE @DET? ~2 @LETTERS to|for everyone|everybody|each_of_them|all_of_them|each_of_you|all_of_you|my_loved_ones",
            "my will and letters|notes|goodbyes",
            "sent|sending|send|wrote|writing|written @POSS? last message|messages|texts|text|words|goodbye|goodbyes to|for everyone|everybody|my_family|all|the_people|people",
            "goodbye|goodbyes ~3 before i ~1 do_it|end_it|die|go_through_with_it|go $",
            "goodbye|farewell everyone|everybody|world|cruel_world|forever|all_of_you $",
            "@WROTE|deciding|decided|listing|list ~1 down? who|what ~3 gets|get|should_get|will_get|can_have ~3 my|from_my things|stuff|belongings|jewelry|jewellery|possessions",
            "scared|afraid|worried|frightened of what i will|i_might|i_could do ~1 to_myself|tonight|$",
            "will_not|would_not|am_not_going_to be able to look_after|take_care_of|care_for|feed|walk ~3 after|past|beyond @DAY",
            "decided|chosen|picked|set|know|it_is|have_decided ~2 @DAY is|will_be the day|night|date $",
            "remember me ~8 going|gone|leave|leaving|before_i_go|when_i_am_gone|before_i_die",
            "am|i_am going|leaving before it|this|things|i ~1 gets|get worse",
            "will_not|do_not|would_not|not_going_to need ~3 where i_am_going|i_will_be|i_go",
            "settled|settling|put|putting|got|getting|sorted|sorting @POSS affairs|things ~1 in_order? ~4 ready|goodbye|before_i",
            "planning|plan|planned|plotting|planing my exit|way_out|final_exit !(from|strategy|plan_from|at|interview)",
            "ready to go ~8 made|making|make @POSS peace",
            "made|making|make @POSS peace ~8 ready to go",
            "@WROTE|decided|deciding|listing|list|worked_out ~1 down? who gets|get|should_get what $",
            "gave|give|giving|given away !(my_old|the_old|my_wheelchair|my_crutches|my_cane|my_walker|my_brace|my_shower_chair) ~6 no_use|no_need|will_not_need|not_need|do_not_need|will_not_be_needing ~3 @ANYMORE|where_i_am_going|soon|after|for_them",
            "@OTHERS ~3 get|have|collect|would_get|will_get ~2 @DET? life_insurance|insurance_money|insurance_payout|payout",
            "do|do_not|not plan|planning|expect|intend|intending to be here|around|alive ~2 next_year|next_month|by|for_much|much_longer|long|tomorrow|next_week|at_christmas|for_christmas|$",
            "@STRONG_INTENT do it tonight|this_weekend|tomorrow_night",
            "goodbye|goodbyes|suicide letter|letters|note|notes|message|messages|video !(from|card|cards|party)",
            "say|said|saying|told|tell|telling|whispered ~3 goodbye|goodbyes ~4 @SECRETLY",
            "@STRONG_INTENT|time_to|ready_to ~1 say|said goodbye|goodbyes ~1 to ~1 everyone|everybody|world|life|all|you_all|everything",
            "giving|give|gave|given|gift|gifting away @BELONGINGS ~6 will_not_need|not_need|before_i|do_not_need|will_not_be",
            "giving|give|gave|given away @DET? ~1 belongings|possessions|my_stuff|my_things|all_my|jewelry|jewellery|her_things|his_things|her_stuff|his_stuff|all_her|all_his",
            "better_off|would_be_fine|worth_more ~6 life_insurance|insurance_money|insurance_payout|my_insurance",
            "life_insurance|insurance_money|my_insurance !(with|for_people|for_someone|if_you_have|quote|quotes|policy_with|companies|company|policy|policies|cover|coverage|rates) ~6 @PAYOUT",
            "worth more dead",
            "this_is|this_will_be|will_be|here_is|that_is|it_is @DET? last message|post|text|words|goodbye !(before|for|tonight|today|goodnight|of_the|on|about|until|till|here_for|here_until|here_today|here_tonight|for_a_while|for_now)",
            "last time ~3 hear from me|see me|talk to me|talk to anyone",
            "tonight is the night $|for_me",
            "have|has|had|having|got|made|make|with|it_is a plan ~2 and_a_date|and_a_time|and_the_means|and_a_day !(for|to|with|at)",
            "planning|planned|decided|deciding|picked|picking|chose|chosen|working_out|figured_out how|when|where ~2 to|i_will|i_would|i_am_going_to|i_could ~1 do_it $|tonight|soon|this_week|without",
            "planning|planned|decided|deciding|picked|picking|chose|chosen|working_out|figured_out how|when|where ~2 to|i_will|i_would|i_am_going_to|i_could ~1 end_it|die|kill_myself|end_my_life",
            "will|would not|never be around|here ~2 much_longer|for_long|for_much_longer|to_see|forever|after_tonight|after_today|after_this_week|for_christmas|for_their|for_your|for_my_birthday|to_look_after|to_take_care|to_care_for|to_feed|to_walk",
            "have|i|i_have|already picked|chosen|chose|set ~1 the|a date|day $|for_it",
            "do|do_not|never worry about me after|once|when ~2 tonight|today|i_am_gone|gone|this|i_go",
        ),
        veto=_FAREWELL_VETO | _INSURANCE_VETO,
    ),
    # 3. burden and absence
    Family(
        "concept-burden",
        Concern.SUICIDE,
        (
            "@RELIEF ~4 without me !(nagging|complaining|calling|bothering|around_for|here_for|at|on|for|this|tonight|today|tomorrow|while|during|there|next|until|till|going|coming|so)",
            "@RELIEF ~5 if|when|once|after i|he|she|they ~2 @GONE_STATE !(@GONE_GUARD)",
            "@NOBODY ~3 @MISS ~2 " + _PERSON_OBJ + " ~1 if|when|once ~2 @GONE_STATE !(@GONE_GUARD)",
            "@NOBODY ~3 @MISS ~2 if|when|once i|he|she|they ~2 @GONE_STATE !(@GONE_GUARD)",
            "@NOBODY would|will|is_going_to ~1 @MISS " + _PERSON_OBJ + " $|@ANYMORE|at_all|anyway|if|when",
            "say|says|saying|said|keeps_saying|told_me|tells_me|feels|felt|feeling she_is|he_is|they_are|she_was|he_was|like_she_is|like_he_is|like_a ~1 a|an|such_a|just_a|nothing_but_a|nothing_but? burden",
            "i_am|am only|just|nothing_but ~1 cost|costs|a_cost|expense|expenses|a_drain|drain|trouble ~3 for|to|on my? family|everyone|everybody|them|husband|wife|kids|parents|partner",
            "feel|feel_like ~1 a|an|such_a|like_a burden to_everyone|to_everybody|to_all|on_everyone|for_everyone|to_the_world|to_everyone_around_me|to_the_people",
            "@BURDEN on|to|for everyone|everybody|all_of_them|the_world|all_of_you|everyone_around_me|my_whole_family",
            "will_not|am_not_going_to|would_not|not_going_to be a|an @BURDEN ~3 soon|much_longer|after|@ANYMORE|for_long|for_much",
            "soon|shortly ~3 will_not|am_not_going_to|not_going_to|would_not be a|an @BURDEN",
            "i_am|am|i_am_such|am_such|i_am_nothing_but|am_nothing_but ~1 a|an|the ~1 burden $|to_everyone|to_everybody|to_all|to_my|on_everyone|on_my|for_everyone|for_my|to_them|on_them|to_people|to_the_world|to_anyone|to_you !(~4+some_days|sometimes|when|with|because|financially|lately|guilty)",
        ),
        person=None,
    ),
    # 4. not wanting to exist, giving up on life
    Family(
        "concept-no-reason",
        Concern.SUICIDE,
        (
            "no|not_a|not_any|not_one|any|one ~1 reason|reasons|point|purpose ~2 left? ~1 to|for|in ~1 @STAY",
            "do_not|can_not|cannot|never|could_not|does_not see|find|have|know ~2 a|any|the ~1 reason|reasons|point ~2 to|for|in ~1 @STAY",
            "giving|give|gave|given|to_give|close_to_giving|ready_to_give up now? @FOR_GOOD",
            "point of|in me $|@ANYMORE|existing|being_alive|being_here|staying|living|even_existing|still_being|even",
            "point of|in my existence|existing|being_alive|me_existing|me_being_alive|my_life",
            "done|finished|through|over|tired with|of ~1 life|living|existing|being_alive|this_life|my_life $|@ANYMORE|now|honestly|tbh",
            "can_not|cannot|unable_to keep fighting|living @FIGHT_ON",
            "@INTENT ~1 out @OUT_END",
            "@INTENT ~1 @IT_ALL ~1 to @ENDS !(soon|already|so_i_can|before)",
            "@INTENT ~1 @IT_ALL to stop $|forever|for_good|now|permanently",
            "@INTENT|would_like|like|need it|it_all|everything to be_over|end|stop now|$|already|forever|for_good|permanently|please",
            "do_not|can_not|cannot|never see|imagine|picture myself|me being_here|being_around|being_alive|here|alive|around ~2 much_longer|for_long|next_year|next_month|in_a_year|for_much|at_christmas|$",
            "if|when i @GONE_STATE !(@GONE_GUARD) ~5 would|will|does|did anyone|anybody|people|everyone|somebody ~2 @MISS",
            "rather be dead|dying|gone|not_alive|not_here|not_exist",
            "finish|finishing|quit|quitting|leave|leaving|go_from|exit|exiting|finish_with my|this life|world|living|existence",
            "tired|sick|exhausted for|to live|living|life $|@ANYMORE",
            "life|living|this_world|existing|being_alive is|was|just_is not for me @ANYMORE|$",
            "welcome|would_welcome|would_not_mind|hope_for|pray_for|praying_for @DET? heart_attack|stroke|fatal|accident|car_crash|crash|the_end|death",
            "stop|stopped|stopping|quit|quitting|refuse|refusing|refuses|stops eating|to_eat|food|drinking ~4 so|to|and|until ~3 die|be_with|go_be_with|join|be_dead|go_to_heaven",
            "quit|quitting|stop|stopped|stopping|refuse|refusing @POSS? dialysis|treatment|treatments|meds|medication|medications|insulin|infusions|transfusions ~4 so|to|and|until ~3 die|kill_me|take_me|finish_me|all_be_over|it_all_ends|end_it|end_my_life|be_dead",
            "if|when|hope @DET? ~2 flare|lupus|disease|illness|it|this|kidneys ~1 kills|kill|takes|take me ~1 fine|good|so_be_it|whatever|let_it|then_good|that_is_fine|i_do_not_care|okay|ok",
            "have|let|make it_all|everything|all_of_it be_over|end|stop $|forever|now",
            "lived|have_lived|had_lived enough|long_enough $|@ANYMORE",
            "done|finished fighting $",
            "considering|contemplating not being|existing $|alive|here|around",
            "tired|sick|exhausted of being $",
            "out of|run_out_of|ran_out_of|running_out_of reasons|reason to ~1 live|stay|be_alive|keep_going|exist|go_on",
            "letting|let|will_let|going_to_let|am_going_to_let nature take its|it_is course !(with|on|for)",
            "would_like|want|wanna|hope|hoping|wish|wishing|pray|praying ~5 and just? not|never recover $|from_it|this_time",
            "done|did my job|my_part here $",
            "ready for it|it_all|everything|life|my_life to end|be_over|stop $|now|forever|already",
            "do_not|no|not|lost|can_not_find|have_no ~2 strength|energy|will|fight|courage ~1 left? to stay_alive|live|keep_living|be_alive|exist|keep_fighting|go_on_living",
            "lost|losing|lose @DET? will to live|keep_fighting|fight|go_on|keep_going|carry_on|continue|stay_alive|be_here|exist",
            "point of|in me continuing|going_on|carrying_on|trying|fighting|staying $|@ANYMORE|like_this|with_life|at_all",
            "tapping|tap|tapped|checking|check|checked|logging|log|bowing|bow out permanently|for_good|forever|of_life|of_this_life",
            "let|letting|to_let go of life|living|this_life|my_life|this_world|being_alive",
            "ready|want|time to let go $|now|for_good|forever",
            "wish|wished|wishing i ~1 had|was|were never ~1 born|existed|been_born",
        ),
        person=None,
    ),
)

# Hyperbole: "<limb> want(s) to die", "overdosed on <coffee>", "dying to", "killing it" — these spans
# are blanked out of the token stream before any rule or family reads it.
_OVERDOSE_WORDS = words("overdosed overdose overdosing od odx oded oding")
_NOT_A_DRUG = words(
    "coffee caffeine espresso lattes latte tea sugar chocolate candy sweets cake cakes cookies biscuits carbs pizza "
    "cheese salt spicy food snacks tv netflix youtube tiktok instagram memes podcasts podcast crime reality shows show "
    "books reading sun sunshine sleep naps nap cuteness love drama gossip shopping christmas halloween music kpop "
    "anime games gaming work studying homework exercise cardio stretching yoga walking steps vitamins hugs puppies "
    "kittens cats dogs pumpkin spice fries chips popcorn soda cola energy drinks drink wine beer cocktails sarcasm "
    "cringe"
)
_LETHAL = words(
    "lethal fatal deadly toxic"
)  # "lethal dose of caffeine" is defused like "overdosed on coffee"
_DOSE = words("dose dosage amount")
_LIMBS = words(" ".join(CONCEPT_CLASSES["LIMB"]))
_WANT = words("want wants wanted wanna wanting")
_OWNERS = words("my the both his her your our their")
_BLANK = "~"  # a token no rule nor family knows
_SELF_WORDS = words("self life body")
# Dying of something no one dies of: "die of embarrassment", "morir de la verguenza"
_DIE_OF_WORDS = words("die dying died morir muero muriendo")
_DIED_OF = words(
    "laughter laughing embarrassment shame cringe boredom cuteness happiness excitement jealousy envy "
    "verguenza risa aburrimiento pena ternura sueno calor frio hambre ganas"
)
# "shot myself in the thigh with the methotrexate pen"
_INJECTION = words(
    "injection injections jab pen needle syringe methotrexate mtx humira benlysta insulin enbrel "
    "saxenda ozempic heparin clexane b12 subcutaneous autoinjector"
)
# "can you overdose on ...", "is it possible to overdose on ...": asked of anyone, not told of oneself
_GENERAL_ASKER = [
    ["can", "you"], ["could", "you"], ["can", "u"], ["can", "someone"], ["can", "people"], ["can", "a", "person"],
    ["is", "it", "possible", "to"], ["possible", "to"], ["can", "one"],
]  # fmt: skip


_CONTINUATION = words("for on with of forever permanently completely anymore or ever like")
_DANGLING = words("of to with for the my a an and")  # no sentence ends on these
_FRAGMENT = 4  # words: a sentence this short that starts like a continuation finishes the one before


def rejoin_fragments(tokens: list[str]) -> list[str]:
    """ "I give up. On life." is one thought: a short fragment starting with a continuation word
    ("for good", "on life", "with everything", "forever") is joined to the sentence before it."""
    if BOUNDARY not in tokens:
        return tokens
    out: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        word = tokens[i]
        if (
            word == BOUNDARY
            and out
            and i + 1 < n
            and tokens[i + 1].isdigit()
            and (i + 2 >= n or tokens[i + 2] == BOUNDARY)
        ):
            i += 1  # "counted the pills again. 84. should be enough": the number belongs to the count
            continue
        if (
            word == BOUNDARY
            and out
            and out[-1] in _DANGLING
            and (len(out) <= 2 or BOUNDARY in out[-3:])  # a sentence of a word or two ("better off." is "of")
            and i + 1 < n
            and tokens[i + 1] != BOUNDARY
        ):
            i += 1  # "Tired. Of. Living.": said word by word for weight; no sentence ends on "of"
            continue
        if word == BOUNDARY and out and i + 1 < n and tokens[i + 1] in _CONTINUATION:
            end = i + 1
            while end < n and tokens[end] != BOUNDARY:
                end += 1
            if end - (i + 1) <= _FRAGMENT:
                i += 1  # drop the sentence end: the fragment continues the sentence
                continue
        out.append(word)
        i += 1
    return out


_TOOK = words("took take taken")
_ALMOST = words("almost nearly")
_LOSS = words("lost losing lose died dies death passed anniversary murio murieron perdi fallecio")
_PAST_HARM = words("self harm harming cut cutting burn burning sh")
_LIMB_DEAD_WINDOW = 5


_KILL = squeeze("kill")
_KILL_ME_NOW_WISH = words("want wants wanted wish wished wishing hope hoping please")
_DENIAL_BUT = words("just only simply")
_SAID_NO = (("said", "no"), ("say", "no"), ("answered", "no"), ("her", "no"), ("him", "no"), ("them", "no"))
_TOPIC_WORDS = words("suicide suicidal self harm sh overdose suicidio sobredosis")
# "does prednisone list suicidal thoughts as a side effect?": a leaflet read, unless the writer has them.
_LEAFLET = words(
    "list lists listed listing leaflet label insert leaflets labels inserts prospecto warning warnings cause causes"
)
_HAVING = words("having have had feel feeling felt making made gave giving get getting")
# "feels like my immune system wants me dead", "this flare is trying to end me": the illness as the
# one that wants it.
_BODY_AGENT = words(
    "system body lupus disease illness immune kidneys joints antibodies cells organs flare flares pain fatigue"
)
_AGENT_VERB = words("want wants wanted trying tries tried going")
_AGENT_ENDS = words("end kill finish")
_REFUSE = words("refuse refusing refused")
# "When God calls me home I'll be ready, but not yet", "when I'm gone. God willing that's a long way
# off": a death far off, said calmly; and "I'll rest when I'm dead".
_NOT_SOON = tuple(
    " " + squeeze(p) + " "
    for p in (
        "not yet", "long way off", "not for a long time", "god willing", "a long time from now",
        "many years from now", "not today", "rest when i am dead", "sleep when i am dead",
    )
)  # fmt: skip
_FAR_OFF_WORDS = words("gone dead home")
# "overdose symptoms tylenol child": a parent's safety question
_SYMPTOMS = words("symptoms signs")
_CARED_FOR = words("child children kid kids toddler baby son daughter dog cat puppy")
# "so over this flare. ready for it to end": the flare, not a life
_ENDS_OF_THINGS = words("flare flares day week semester year winter summer month pain shift exam exams")
# "I'd unalive for a nap", "I'd kill for a coffee": wanting something very much
_FOR_A = (["for", "a"], ["for", "an"], ["for", "some"], ["for", "one"])
_HYPERBOLE_VERBS = words("kill unalive die")
# "(figuratively, calm down mods lol)": the writer says it is a figure of speech
_FIGURATIVE = (" figuratively ", " not literally ", " jk ", " just kidding ", " hyp ")
_FIGURATIVE_WORDS = words("die dying dead kill kms unalive")
# "suicide squad was mid": a compound that names something else
_SUICIDE_COMPOUND = words(
    "squad bomber bombers bombing mission doors prevention awareness hotline hotlines watch headache headaches"
)
# "my immune system wants me dead", "my boss wants me dead": said of the illness, a person or a thing
_WANTS_ME_DEAD = (
    _BODY_AGENT
    | OTHER_PEOPLE
    | words("boss teacher manager professor prof coworker coworkers job school cat dog")
)
# "My uncle took his own life many years ago": someone else's death, remembered
_REMEMBERED = words("ago memory memorial anniversary remembering miss missing")
_OWN_LIFE = (["his", "own", "life"], ["her", "own", "life"], ["their", "own", "life"])
# "if I'm ever on machines ... let me go. It's all in my living will": an advance directive
_DIRECTIVE = words("machines dnr directive proxy hospice palliative")
# "took too many notes", "took too many naps": too many of something that is not a medicine
_TOO_MANY_THINGS = _NOT_A_DRUG | words(
    "notes photos pictures pics screenshots selfies days breaks shifts classes risks turns steps liberties "
    "bites sips shots"
)
# "If one more person suggests celery juice I'm going to walk into the sea"
_ONE_MORE = ("one", "more")
_ONE_MORE_WORDS = words("walk jump die kill kms drive scream")
# "Getting my affairs in order ... a living will and a healthcare proxy": paperwork everyone should have
_PAPERWORK = words("proxy directive attorney estate executor paperwork")
# "Thinking of ending things... with my dermatologist": a break-up
_ENDING = words("ending end ended")
# "I'd rather die than eat another kale salad": unless what follows is the illness or living itself.
_RATHER_SERIOUS = words(
    "live living keep suffer suffering hospital doctor doctors treatment dialysis infusion infusions flare "
    "flares pain on face deal chemo surgery like this round cytoxan rituximab benlysta"
)
# "if anyone's ever feeling like ending it, please reach out": words said to others, to help.
_TO_OTHERS = (("if", "anyone"), ("if", "you"), ("anyone", "who"), ("if", "someone"), ("for", "anyone"))
_REACH_OUT = words(
    "reach dm matter here talk please support supporting message resources lines pinned helpline hotline"
)
_TO_OTHERS_WORDS = words(
    "ending end die dying kill killing suicide suicidal hurt hurting harm harming cutting crisis"
)
# "see you all on the other side" of a stay in hospital or a trip
_STAY = words(
    "admitted hospital surgery biopsy procedure operation infusion trip vacation holiday flight move moving port "
    "steroids iv"
)
# "gonna kms if this printer jams one more time": a threat to oneself over a small thing, said as a sigh.
_ONE_MORE_TIME = ("one", "more", "time")
# A sentence about a film, a book or the news ("watched a documentary about suicide", "a character
# overdosed in the finale", "read an article about a woman who took her own life").
_MEDIA = words(
    "series episode episodes finale documentary documental film movie pelicula libro novel article articulo "
    "storyline podcast character personaje netflix tiktok youtube video reddit instagram tweet prevention paper "
    "essay thesis research lecture course training "
    "prevencion awareness caminata memorial"
)
# A moderator's note or a content warning ("CW: this thread discusses suicide", "TW suicide mention").
_NOTE_MARKS = words(
    "cw tw mod mods moderator moderators reminder thread discusses discussing discussion mention mentions"
)
_WARNING_NOTE = words("use add put posting post posts discussing talking mentioning")
# A screening question reported ("my doctor asked whether I had thoughts of hurting myself").
_ASKED = (
    ("asked", "if"),
    ("asked", "whether"),
    ("asks", "if"),
    ("asking", "if"),
    ("me", "if"),
    ("pregunto", "si"),
)
_ANSWER_YES = (("said", "yes"), ("answered", "yes"), ("said", "yeah"), ("i", "admitted"), ("dije", "que"))
_ASKED_WORDS = words("suicide suicidal harming hurting harm hurt kill killing self ending end")
# ...or the question on a form ("the thoughts-of-harming-yourself question on intake forms")
_FORM_WORDS = words("question questions questionnaire form forms checkbox intake screening")
# ...and the message says it was routine or answered no ("some new screening thing", "I said no").
_ROUTINE = words("screening questionnaire form forms routine standard always survey said say answered glad")
_PAST_TOPIC = words(
    "suicide suicidal dark attempted attempt intente quitarme suicidio self harm harmed harming cut cutting sh"
)
_PAST_MARKERS = (
    " ago ", " back then ", " in the past ", " years back ", " at one point ", " used to ", " when i was ",
    " hace ", " before i was diagnosed ", " antes del diagnostico ", " since i last ", " years since ",
    " years clean ", " months clean ", " clean from ", " in high school ",
)  # fmt: skip
_PAST_YEAR = re.compile(r" in (?:19|20)[0-9][0-9] ")
# ...and nothing says it is back ("the thoughts are back", "again lately").
_RELAPSE_MARKERS = (
    " but now ",
    " right now ",
    " these days ",
    " again ",
    " are back ",
    " is back ",
    " came back ",
    " coming back ",
    " lately ",
    " otra vez ",
    " de nuevo ",
)
_RECOVERED = tuple(
    " " + squeeze(p) + " "
    for p in (
        "good place now", "better place now", "in a good place", "in a better place", "doing better",
        "therapy helped", "really helped", "it helped", "got help", "much better now", "doing well now",
        "am ok now", "am okay now", "am fine now", "recovered", "it gets better", "doing really well",
        "doing well", "does get better", "gets better", "it can change", "keep going", "estoy bien",
        "se puede salir", "hoy estoy", "in remission", "en remision", "remission", "it worked", "it works",
        "so glad i am here", "glad i am still here", "ways to cope", "i have learned", "i learned",
        "can get better", "never thought i would", "today i got", "got into", "i am good", "dbt helped",
    )
)  # fmt: skip
_EVENT_AFTER_ONE = [["at"], ["in"], ["near"], ["on"]]


# Every word a case of _everyday_readings starts at (a long everyday message skips the rest fast).
_READING_WORDS = (
    frozenset({"suicidal", _KILL, "kms", "jump", "suicide", "unalive", "crisis", "dead"})
    | _WANT
    | _AGENT_ENDS
    | _TO_OTHERS_WORDS
    | _ONE_MORE_WORDS
    | _HYPERBOLE_VERBS
    | _FIGURATIVE_WORDS
    | _FAR_OFF_WORDS
    | _TOOK
    | _ENDING
    | _PAST_HARM
    | _OVERDOSE_WORDS
    | _DIE_OF_WORDS
    | words("let die dead goodbye will affairs other ready shot")
)


def _has_run(tokens: list[str], run: tuple[str, ...], start: int, stop: int) -> bool:
    """Whether ``run`` (consecutive words) starts somewhere from ``start`` up to before ``stop``."""
    return any(tuple(tokens[j : j + len(run)]) == run for j in range(start, min(len(tokens), stop)))


def _sentence_of(tokens: list[str], i: int) -> tuple[int, int]:
    lo = i
    while lo > 0 and tokens[lo - 1] != BOUNDARY:
        lo -= 1
    hi = i
    while hi < len(tokens) and tokens[hi] != BOUNDARY:
        hi += 1
    return lo, hi


def _said_no(tokens: list[str], i: int) -> bool:
    """ "my therapist asked if I'm suicidal and I said no": the question answered."""
    after = tokens[i + 1 : i + 8]
    return not set(_SAID_NO).isdisjoint(pairwise(after))


def _if_one_more(tokens: list[str], start: int, i: int) -> bool:
    """ "if one more ..." or "if I have to do one more ..." between ``start`` and ``i``."""
    for j in range(start, i):
        if tokens[j] == "if" and _has_run(tokens, _ONE_MORE, j + 1, min(i, j + 7)):
            return True
    return False


def _denied(tokens: list[str], i: int) -> bool:
    """ "not suicidal or anything, just tired": a denial that explains what it is instead."""
    return "not" in tokens[max(0, i - 3) : i] and not _DENIAL_BUT.isdisjoint(tokens[i + 1 : i + 10])


# A sentence set well in the past ("Three years ago I tried to end my life. Today I ran my first
# 5K.", "our neighbour overdosed last month"): weeks ago or more, never "an hour ago" or "last night".
_LONG_AGO = re.compile(
    " (?:(?:[0-9]+|a|an|one|two|thre|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|many|"
    "several|few|a few|some|couple of|a couple of) (?:years|year|yrs|yr|months|month|decades|decade|weks|wek) ago"
    "|in (?:19|20)[0-9][0-9]|last (?:year|sumer|winter|spring|fal|autumn|month)|as a (?:ten|tenager|kid|child)"
    "|in (?:high schol|colege|university|my twenties|my thirties|my 20s|my 30s|my teens)"
    "|when i was (?:younger|a ten|a tenager|a kid|[0-9]+)|back (?:then|in the day|when)|at one point"
    "|in (?:the|her|his|my|our) (?:[0-9]0s|[0-9]{4}s)|that was (?:19|20)[0-9][0-9]|el ano pasado"
    "|(?:year|years|months) since|hace (?:[0-9]+|unos|muchos|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|un|una) (?:anos|ano|meses|mes)) "
)
# What such a sentence blanks: the words of a crisis told as past ("tried to end my life").
_LONG_AGO_WORDS = _PAST_TOPIC | words(
    "end ending ended kill killed overdose overdosed overdoses od want wanted die attempts suicided crisis take "
    "took live living"
)
# ...unless something says it is back or never left.
_STILL_THERE = tuple(
    " " + squeeze(p) + " "
    for p in (
        "never left", "never went away", "ever since", "same way", "feel the same", "still want",
        "still think about it", "still think about doing", "still think about dying", "still think about ending",
        "still feel like", "still feel that", "still have thoughts", "still struggle", "relapse", "relapsed",
        "back to", "the way i did",
        "like i did then", "like back then",
    )
)  # fmt: skip
# Everything that says a past crisis is back, for every reading of a past (sentence or message)
_BACK = (*_RELAPSE_MARKERS, *_STILL_THERE)


def _long_ago_readings(tokens: list[str], joined: str) -> set[int]:
    """Indexes of crisis words in sentences told as long past, when nothing says it is back."""
    if _LONG_AGO.search(joined) is None or any(m in joined for m in _BACK):
        return set()
    found: set[int] = set()
    previous = begin = 0
    for end in [*(i for i, w in enumerate(tokens) if w == BOUNDARY), len(tokens)]:
        sentence = tokens[begin:end]
        if _LONG_AGO.search(" " + " ".join(sentence) + " "):
            found.update(begin + k for k, w in enumerate(sentence) if w in _LONG_AGO_WORDS)
            if sentence[:2] in (["that", "was"], ["this", "was"], ["it", "was"]):  # "That was 12 years ago."
                found.update(k for k in range(previous, begin) if tokens[k] in _LONG_AGO_WORDS)
        previous, begin = begin, end + 1
    return found


def _topic_readings(tokens: list[str], joined: str) -> set[int]:
    """Indexes of crisis words that are only a topic: a moderator's note or a content warning, a
    film, a book or the news ("watched a documentary about suicide", "a suicide at my kid's school"),
    a leaflet's list, a screening question reported ("my doctor asked whether I had thoughts of
    hurting myself"), or a past the writer has come through ("years ago I thought about suicide,
    therapy helped, I'm in a good place now") with nothing saying it is back."""
    found: set[int] = set()
    past = (
        (any(m in joined for m in _PAST_MARKERS) or _PAST_YEAR.search(joined) is not None)
        and any(r in joined for r in _RECOVERED)
        and not any(m in joined for m in _BACK)
    )
    yes = any(pair in _ANSWER_YES for pair in pairwise(tokens))
    routine = not _ROUTINE.isdisjoint(tokens)
    for i, word in enumerate(tokens):
        if past and word in _LONG_AGO_WORDS:
            found.add(i)
            continue
        if word not in _TOPIC_WORDS and word not in _ASKED_WORDS and word not in _TOOK:
            continue
        lo, hi = _sentence_of(tokens, i)
        sentence = tokens[lo:hi]
        if (
            word in _ASKED_WORDS
            and not yes
            and routine
            and (
                any(pair in _ASKED for pair in pairwise(tokens[lo:i])) or not _FORM_WORDS.isdisjoint(sentence)
            )
        ):
            found.add(i)
            continue
        media = not _MEDIA.isdisjoint(sentence)
        if word in _TOOK:  # "a woman who took her own life", in the news
            if media and tokens[i + 1 : i + 4] in _OWN_LIFE:
                found.add(i)
            continue
        if word not in _TOPIC_WORDS:
            continue
        warning = "warning" in sentence or "warnings" in sentence
        moderator_note = (warning and not _WARNING_NOTE.isdisjoint(sentence)) or not _NOTE_MARKS.isdisjoint(
            sentence
        )
        news = word == "suicide" and tokens[i - 1 : i] == ["a"] and tokens[i + 1 : i + 2] in _EVENT_AFTER_ONE
        side_effect = ("side", "effect") in pairwise(sentence) or ("side", "effects") in pairwise(sentence)
        leaflet = (side_effect or not _LEAFLET.isdisjoint(sentence)) and _HAVING.isdisjoint(sentence)
        if moderator_note or news or leaflet or media:
            found.add(i)
    return found


def _everyday_readings(tokens: list[str]) -> list[str]:
    """Blank everyday readings of crisis words (same length): an illness that "almost took my
    life", a death by suicide being mourned ("lost my dad to suicide"), self-harm in the past ("I
    used to self harm, 10 years clean"), a limb that is "dead" ("my arm's gonna be dead after the
    jab"), hyperbole and words said to others (each case below). A bare denial is not blanked: "not
    suicidal" alone often says the opposite."""
    out = tokens
    joined = " " + " ".join(tokens) + " "  # for the phrases said anywhere in the message
    topics = _topic_readings(tokens, joined) | _long_ago_readings(tokens, joined)
    for i, word in enumerate(tokens):
        blank = i in topics
        if blank:
            pass
        elif word not in _READING_WORDS:
            continue  # most words: none of the cases below starts at them
        elif word == "suicidal" and (_denied(tokens, i) or _said_no(tokens, i)):
            blank = True
        elif (
            word == squeeze("wanting")
            and tokens[i - 1 : i] == ["not"]
            and (i == 1 or tokens[i - 2] == BOUNDARY)
            and "just" in tokens[i + 1 : i + 10]
            and squeeze("cope") not in tokens  # "not wanting to die, I just do it to cope": self-harm
        ):
            blank = True  # "Not wanting to die, just thinking about mortality": a denial, then what it is
        elif (
            word == _KILL
            and tokens[i + 1 : i + 3] == ["me", "now"]
            and _KILL_ME_NOW_WISH.isdisjoint(tokens[max(0, i - 2) : i])
        ):
            blank = True  # "ugh kill me now, 3 hours on hold": a sigh, said of everyday things
        elif (
            word in _WANT
            and tokens[i + 1 : i + 3] == ["me", "dead"]
            and not _WANTS_ME_DEAD.isdisjoint(tokens[max(0, i - 3) : i])
        ):
            blank = True  # "my immune system wants me dead lol", "my boss wants me dead": not a wish
        elif (
            word in _AGENT_ENDS
            and tokens[i + 1 : i + 2] == ["me"]
            and tokens[i - 1 : i] == ["to"]
            and tokens[i - 2 : i - 1]
            and tokens[i - 2] in _AGENT_VERB
            and not _BODY_AGENT.isdisjoint(tokens[max(0, i - 6) : i - 2])
        ):
            blank = True  # "this flare is trying to end me": the illness, not the writer
        elif word == squeeze("let") and (
            (i > 0 and tokens[i - 1] in ("not", "never"))
            or (i > 1 and tokens[i - 1] == "to" and tokens[i - 2] in _REFUSE)
        ):
            blank = True  # "I refuse to let it win": the opposite of giving up
        elif (
            (
                (word == squeeze("die") and tokens[i - 1 : i] == ["rather"])
                or (word == squeeze("dead") and tokens[i - 2 : i] == ["rather", "be"])
            )
            and tokens[i + 1 : i + 2] == ["than"]
            and _RATHER_SERIOUS.isdisjoint(tokens[i + 2 : i + 8])
            and not {("go", "through"), ("going", "through"), ("get", "through")}
            & set(pairwise(tokens[i + 2 : i + 8]))
        ):
            blank = True  # "I'd rather die than go to karaoke lol"
        elif (
            word in _TO_OTHERS_WORDS
            and not _REACH_OUT.isdisjoint(tokens)
            and any(pair in _TO_OTHERS for pair in pairwise(tokens[_sentence_of(tokens, i)[0] : i]))
        ):
            blank = True  # "if anyone's ever feeling like ending it, please reach out"
        elif word == squeeze("goodbye") and squeeze("hello") in tokens[i + 1 : i + 8]:
            blank = True  # "goodbye cruel world, hello three weeks of vacation"
        elif (
            word in _OVERDOSE_WORDS
            and any(tokens[max(0, i - len(a)) : i] == a for a in _GENERAL_ASKER)
            and "asking" not in tokens  # "can you overdose on X? asking because I want to"
        ):
            blank = True  # "can you overdose on turmeric?": a question of fact, about anyone
        elif (
            word in _DIE_OF_WORDS
            and tokens[i + 1 : i + 2] in (["of"], ["from"], ["de"])
            and not _DIED_OF.isdisjoint(tokens[i + 2 : i + 4])
        ):
            blank = True  # "I want to die of embarrassment", "me quiero morir de la verguenza"
        elif (
            word == "shot"
            and tokens[i + 1 : i + 3] in (["myself", "in"], ["myself", "with"], ["myself", "up"])
            and not _INJECTION.isdisjoint(tokens[i + 3 : _sentence_of(tokens, i)[1]][:8])
        ):
            blank = True  # "shot myself in the thigh with the methotrexate pen": an injection
        elif word in ("jump", squeeze("die")) and _has_run(tokens, _ONE_MORE_TIME, i + 1, i + 14):
            blank = True  # "gonna jump off a cliff if my rheum says lose weight one more time"
        elif word in _ONE_MORE_WORDS and _if_one_more(tokens, _sentence_of(tokens, i)[0], i):
            blank = True  # "If one more person suggests celery juice I'm going to walk into the sea"
        elif (
            word == "overdose"
            and tokens[i + 1 : i + 2]
            and tokens[i + 1] in _SYMPTOMS
            and not _CARED_FOR.isdisjoint(tokens)
        ):
            blank = True  # "overdose symptoms tylenol child"
        elif (
            word == "ready"
            and tokens[i + 1 : i + 4] in (["for", "it", "to"], ["for", "this", "to"])
            and not _ENDS_OF_THINGS.isdisjoint(tokens[max(0, i - 8) : i])
        ):
            blank = True  # "so over this flare. ready for it to end"
        elif word in _HYPERBOLE_VERBS and tokens[i + 1 : i + 3] in _FOR_A:
            blank = True  # "I'd unalive for a nap rn"
        elif (
            word in _FIGURATIVE_WORDS
            and any(m in joined for m in _FIGURATIVE)
            and squeeze("unless") not in tokens  # "i want to die lol jk... unless?"
        ):
            blank = True  # "it's making me want to die (figuratively, calm down mods lol)"
        elif word == "suicide" and tokens[i + 1 : i + 2] and tokens[i + 1] in _SUICIDE_COMPOUND:
            blank = True  # "suicide squad was mid", "suicide prevention day"
        elif word == "unalive" and (
            tokens[i + 1 : i + 2] in (["this"], ["that"], ["these"], ["the"], ["a"], ["an"])
            or (
                tokens[i + 1 : i + 2] == ["my"]
                and tokens[i + 2 : i + 3]
                and tokens[i + 2] not in OTHER_PEOPLE
                and tokens[i + 2] not in _SELF_WORDS
            )
        ):
            blank = True  # "about to unalive this pizza", "going to unalive my printer"
        elif word in _FAR_OFF_WORDS and any(m in joined for m in _NOT_SOON):
            blank = True  # "when God calls me home I'll be ready, but not yet"
        elif word in _TOOK and tokens[i + 1 : i + 4] in _OWN_LIFE and not _REMEMBERED.isdisjoint(tokens):
            blank = True  # "my uncle took his own life many years ago": remembered
        elif word == squeeze("will") and tokens[i - 1 : i] == [squeeze("living")]:
            blank = True  # "my living will": a document
        elif (
            word == squeeze("let")
            and tokens[i + 1 : i + 3] == ["me", "go"]
            and not _DIRECTIVE.isdisjoint(tokens)
        ):
            blank = True  # "if I'm ever on machines, let me go": an advance directive
        elif word == squeeze("affairs") and not _PAPERWORK.isdisjoint(tokens):
            blank = True  # "affairs in order ... a living will and a healthcare proxy"
        elif (
            word in _ENDING
            and tokens[i + 1 : i + 2] in (["things"], ["it"])
            and tokens[i + 2 : i + 3] == ["with"]
        ):
            blank = True  # "thinking of ending things... with my dermatologist"
        elif (
            word == "jump"
            and ("before", "i") in pairwise(tokens[i + 1 : i + 9])
            and "let" in tokens[i + 1 : i + 11]
        ):
            blank = True  # "I'd jump off a bridge before I let my MIL plan the party"
        elif word in ("kms", _KILL) and _has_run(tokens, _ONE_MORE_TIME, i + 1, i + 12):
            blank = True
        elif word == "crisis" and tokens[max(0, i - 3) : i] in (
            ["you", "are", "in"],
            ["anyone", "is", "in"],
            ["someone", "is", "in"],
        ):
            blank = True  # "if you're in crisis, reach out": a note to everyone
        elif word == squeeze("goodbye") and tokens[max(0, i - 3) : i - 1] in (
            ["got", "to"],
            ["get", "to"],
            ["able", "to"],
            ["chance", "to"],
        ):
            blank = True  # "grateful I got to say goodbye" to someone who died
        elif (
            word == squeeze("other")
            and tokens[i + 1 : i + 2] == ["side"]
            and squeeze("see") in tokens[max(0, i - 6) : i]
            and not _STAY.isdisjoint(tokens)
        ):
            blank = True  # "see you all on the other side" of a hospital stay
        elif (
            word in _TOOK
            and tokens[i + 1 : i + 2] == [squeeze("too")]
            and tokens[i + 2 : i + 3] in (["many"], ["much"])
            and tokens[i + 3 : i + 4]
            and (
                tokens[i + 3] in _TOO_MANY_THINGS
                or (tokens[i + 4 : i + 5] and tokens[i + 4] in _TOO_MANY_THINGS)
            )
        ):
            blank = True  # "took too many notes", "took too many selfies at the walk"
        elif word in _TOOK and i > 0 and tokens[i - 1] in _ALMOST:
            blank = True  # "lupus almost took my life in 2019": the illness, not the writer
        elif (
            word == "suicide"
            and i > 0
            and tokens[i - 1] in ("to", "by", "from", "of")
            and (not _LOSS.isdisjoint(tokens[max(0, i - 8) : i]))
        ):
            blank = True  # "lost my dad to suicide ten years ago": grief for someone else
        elif (
            word in _PAST_HARM
            and "used" in tokens[max(0, i - 3) : i]
            and "to" in tokens[max(0, i - 2) : i]
            and not any(m in joined for m in _BACK)
        ):
            blank = True
        elif word == "dead":
            j = i - 1
            # "my eyes ... I imagine being dead": the writer, not the limb, once "I" stands between
            while j >= 0 and i - j <= _LIMB_DEAD_WINDOW and tokens[j] not in (BOUNDARY, "i", "me"):
                if tokens[j] in _LIMBS and tokens[j] != "back":  # "came back and wanted to be dead"
                    blank = True
                    break
                j -= 1
        if blank:
            if out is tokens:
                out = list(tokens)
            out[i] = _BLANK
    return out


def defuse(tokens: list[str]) -> list[str]:
    """The token stream with hyperbole that borrows crisis words blanked out (same length)."""
    tokens = _everyday_readings(tokens)
    vocabulary = set(tokens)
    od = not _OVERDOSE_WORDS.isdisjoint(vocabulary) or (
        not _LETHAL.isdisjoint(vocabulary) and not _DOSE.isdisjoint(vocabulary)
    )
    limb = not _LIMBS.isdisjoint(vocabulary) and not _WANT.isdisjoint(vocabulary)
    if not od and not limb:
        return tokens
    out = list(tokens)
    n = len(out)
    for i, word in enumerate(tokens):
        lethal = od and word in _LETHAL and i + 1 < n and tokens[i + 1] in _DOSE
        if od and (word in _OVERDOSE_WORDS or lethal) and i + 2 < n + 1:
            j = i + 2 if lethal else i + 1
            if j < n and (out[j] in ("on", "of") or (lethal and out[j] == "for")):
                j += 1
            while j < n and out[j] in ("the", "some", "all", "so", "much", "way", "too", "true"):
                j += 1
            if j < n and out[j] in _NOT_A_DRUG:
                for k in range(i, j + 1):
                    out[k] = _BLANK
        elif limb and word in _WANT and i > 1 and tokens[i - 1] in _LIMBS and tokens[i - 2] in _OWNERS:
            out[i] = _BLANK
    return out
