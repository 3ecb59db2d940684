"""Weak signals read across two sentences: a crisis said in halves.

"I have the pills saved up. Tonight is the night." / "Everyone would be fine. I've made up my
mind." Neither sentence alone is a crisis (a first date is "tonight is the night", a pill box
is "sorted for the week", switching doctors is "I've made up my mind"), and no phrase may span a
sentence end. So kinds of **weak signal** are matched sentence by sentence, each with the
usual guards (negation, everyday context, whom it is about):

- **means**: the means at hand (the pills saved up, enough tablets, counted them, I have the razor,
  bought the rope, the car in the garage with the door shut);
- **resolve**: a decision, a plan, readiness or a time (made up my mind, it is decided, I have a
  plan, I know how, I have what I need, everything is arranged, it is time, I am ready, not coming
  back, going to the bridge tonight);
- **despair**: hopelessness, a farewell or the others' relief (everyone would be fine, they will
  get over it, it is better this way, nobody would notice, sorry for everything, tell them I love
  them, look after my cat, can't do this anymore, nothing left, at peace with it, don't try to
  stop me);
- **farewell**: a sentence that is only a goodbye ("bye everyone."), never paired with despair
  ("I'm done. Bye!" ends a chat);
- **when**: a sentence that is only a time ("tonight.").

A message is a crisis when signals of two different kinds stand in the same sentence or in two
adjacent ones (:func:`bot.crisis.detector.screen`); one kind alone is not. English and Spanish.
"""

from __future__ import annotations

from bot.crisis.concern import Concern
from bot.crisis.family import Family, words

PAIR_CLASSES: dict[str, tuple[str, ...]] = {
    "DECIDED": ("decided", "made my decision", "made the decision", "made a decision", "made my choice", "chosen"),
    "MEANS_AT_HAND": ("@MEANS_HELD", "@MEDS", "tablets", "oxy", "morphine", "charcoal", "hose", "noose"),
    "KEPT": (
        "saved", "saved up", "put aside", "set aside", "stashed", "hidden", "hid", "lined up", "counted",
        "ready", "next to me", "in my lap", "in my hand", "in front of me", "in the shed", "in the drawer",
        "in my drawer", "in the car", "here with me", "waiting",
    ),
    "OTHERS_EN": (
        "@OTHERS", "my son", "my daughter", "my sister", "my brother", "my boys", "my girls", "my grandkids",
        "my mother", "my father", "my boyfriend", "my girlfriend", "my fiance", "the kids", "the family",
    ),
    "OTHERS_ES": ("mi familia", "mis hijos", "todos", "ellos", "mi esposo", "mi esposa", "mi mama", "mis padres"),
    "EDGE_OR_WATER": (
        "@PLACE_EDGE", "@WATER", "cliffs", "tracks", "train station", "station", "car park", "multi storey",
        "top of the car park", "top of the building", "top of the bridge",
    ),
}  # fmt: skip

# Everyday context that turns a weak signal into ordinary talk ("fine with pizza", "ready for the
# infusion", "the roof bar", "look after my cat while I'm in hospital").
_EVERYDAY = words(
    "pizza takeout takeaway dinner lunch breakfast cooking cook party wedding trip holiday vacation concert "
    "band show date film movie game match bar restaurant infusion appointment doctor rheumatologist rheum "
    "nurse physio surgery hospital bag diet gluten job boss work manager school exam exams class uni college "
    "refill pharmacy dose diagnosis benlysta referral switch switching swap move moving house sofa gym walk "
    "walks yoga hair sitter away swim swimming view sunset photos "
    "store shop shopping netball team medico cambiar dieta trabajo cita viaje fiesta concierto"
)

_ERRANDS = words("school work job class exam exams uni college")

PAIR_FAMILIES: tuple[tuple[str, Family], ...] = (
    (
        "means",
        Family(
            "pair-means",
            Concern.SUICIDE,
            (
                "@MEANS_AT_HAND|them|it ~4 @KEPT",
                "enough @MEANS_AT_HAND|of_them|pills|tablets",
                "@MEANS_AT_HAND ~1 aside",
                "almost|nearly|finally enough $|now",
                "i have|have_got|got @DET @MEANS_AT_HAND $|here|now|with_me|my|that|from|ready",
                "there is|there_are|i_have|got enough $|now",
                "counted @DET? ~1 them|@MEANS_AT_HAND",
                "@MEANS_AT_HAND are|is in|under|on @DET ~1 $|and|right|now",
                "@ACQUIRE|bought|buy|have_buy @DET? ~1 @MEANS_BOUGHT|poison|charcoal|noose ~1 already|today|yesterday|now|$",
                "car|engine in the garage ~3 door|doors shut|closed|locked",
                "@HANDLE|been_looking_at|thinking_about|stood_at|standing_at|stood_on|standing_on @DET? ~2 @EDGE_OR_WATER",
                "looked_up|searched|researched|googled|looking_up|searching @DET? tallest|highest building|bridge|bridges|buildings|building_in|roof|cliff|cliffs",
                "not|do_not|stop|stopped|skip take|taking my ~1 insulin|dialysis|heart_meds|blood_thinner|blood_thinners|transplant_meds ~2 for_a_few_days|for_a_week|for_days|for_good",
                "put|placed|laid|left @DET? ~1 @MEANS_AT_HAND by|on|next_to|beside|under my|the ~1 bed|pillow|nightstand|bedside",
                "saved|kept|stashed|hoarded|hid|kept_back @DET? old|last? ones|some|them $|back|up",
                "step|jump|throw_myself|walk off|in_front_of|onto @DET? ~1 @EDGE_OR_WATER|train|platform",
                "tengo|ya_tengo|guarde|compre @DET? ~1 pastillas|pildoras|veneno|soga|cuerda ~2 guardadas|listas|preparadas|ya|$",
            ),
            negatable=True,
            veto=_EVERYDAY,
        ),
    ),
    (
        "resolve",
        Family(
            "pair-resolve",
            Concern.SUICIDE,
            (
                "made|make|making up @POSS? mind",
                "@POSS? mind is? made up",
                "i|i_have|have|it_is|is|i_am|am|already @DECIDED $|i|to|that|this|it|and|now",
                "decision|choice is made|final",
                "i_have|i|have|got|made|make|with|it_is|have_got @DET? plan $|this_time|now|for_it|ready|all_figured",
                "all|it_all|everything planned|figured_out|worked_out|arranged|sorted|settled|set|in_order|ready $|now|out",
                "everything|it_all|all is|has_been ~1 arranged|sorted|planned|ready|set|settled|in_order",
                "know|worked_out|figured_out|figured exactly? how|when ~4 $|do_it|going_to|i_will|to",
                "will_not|not_going_to|do_not_think_i_will make it to|till|until @DET? ~1 next|birthday|christmas|appointment|tomorrow",
                "have|got|found what|everything i need $|now",
                "everything ready $|now",
                "it is ~1 nearly|almost|finally? time $",
                "time has come",
                "tonight is the night",
                "am|i_am|feel ready $|now|to_go",
                "going through with it",
                "no going back",
                "not|never coming back",
                "will_not|not_going_to be back|around|here after|by|tomorrow|tonight",
                "this|it|today|tonight is|will_be my last|final night|day|message|post|words",
                "this is it for me",
                "@LETTERS|everything|it_all are|is|have_been ~1 written|ready|done|finished|sealed|signed|sorted",
                "it is|it_will_be happening ~1 tonight|tomorrow|soon|this_week|this_weekend|on",
                "going|heading|walking|driving to|into @DET? ~1 @EDGE_OR_WATER ~1 tonight|tomorrow|later|after_dark|now|soon|$",
                "@DET date|day|night ~1 picked|chosen|set",
                "worked_out|figured_out|planned|sorted|arranged @DET? details|logistics|everything|it_all|how",
                "planning|planned this|it ~3 while|weeks|months|ages|long",
                "last time ~3 hear|talk|see",
                "said|say|saying my? goodbyes",
                "@STRONG_INTENT ~2 end|finish it|this|everything|things $|tonight|tomorrow|soon|this_week|now",
                "@STRONG_INTENT ~2 go|going|walk|head|drive ~2 to|into|off @DET? ~1 @EDGE_OR_WATER",
                "@STRONG_INTENT ~2 take|swallow @ALL_DOSE|them|it_all",
                "picked|chosen|chose|set|found @DET? ~1 day|date|night|spot|place|location",
                "found @DET? way $|out",
                "only one way out",
                "i|i_will|i_am|going_to|will ~1 make it stop",
                "made|making|make @POSS arrangements $|now|already",
                "know when|how $",
                "know the code|combination $",
                "found a|the|my way|method to stop|end|escape|get_out|finish",
                "guess this is it $",
                "on my own terms $",
                "nobody|no_one|they could|would|will ~1 say|know|tell i did it on_purpose|deliberately|myself",
                "@OTHERS_EN|they|nobody|no_one ~1 do_not|does_not|will_not|not|never|to find me|my_body",
                "decision ~2 feels|is right|final|made",
                "choosing|choose|chose|decided to make it|my_life shorter|less|end|stop",
                "@STRONG_INTENT ~2 look|seem like an? accident",
                "paperwork|will|papers|papers_are is|are signed|done|sorted|ready",
                "leaving|left everything|it_all to my",
                "giving|gave|give|given @DET? ~2 stuff|things|belongings|possessions|jewelry|jewellery away",
                "encontre|tengo la|una manera|forma de terminar|acabar|morir|irme",
                "^ i_am|am just? getting ready $",
                "tonight|tomorrow i_am|i_will not going_to? come down|back|home",
                "after|by @DAY $",
                "^ i_am out $",
                "time ~1 i|to stop being|existing|living|fighting|trying",
                "instructions|wishes|plans|arrangements ~1 for my funeral|memorial|cremation",
                "know what to do with them|it $|now",
                "leave|go|die|end_it|end_things|exit|check_out|going|leaving on my own terms",
                "have @POSS own? plan $",
                "last time i ~1 bother|trouble|annoy|burden|upset anyone|anybody|you|everyone",
                "sleep and|then not|never ~2 wake|come_back|have_to_come_back|return",
                "ready to meet|join|be_with|see my|him|her ~2 again|in_heaven|up_there|on_the_other_side",
                "no more me|of_me $",
                "might as well make it official|permanent|final|end_it|go",
                "by the time you|anyone|someone ~1 read|reads|see|sees|find|finds this",
                "giving myself until|till|to @DAY|the_end_of ~1 !(to)",
                "thought it through|over $|carefully",
                "will be free of|from all_this|it_all|this|everything|the_pain|the_pain|it",
                "^ it is tonight|tomorrow|today|happening $",
                "finally brave|strong enough $|now|to_do_it",
                "ya lo_decidi|lo_tengo_decidido|esta_decidido|decidi",
                "tengo|ya_tengo todo preparado|listo|planeado",
                "ya compre|tengo lo_que_necesito",
                "esta es|sera mi ultima noche|dia|mensaje",
                "esta noche|manana termino|lo_hago|me_voy|es_la_noche",
                "deleted|deleting|delete|deactivated|deactivating|wiped|closed my|all_my|all ~1 socials|accounts|account|social_media|instagram|facebook|tiktok|snapchat",
                "escribo|escribirles|vengo|quiero|queria para? despedirme",
                "me despido de todos|ustedes|ti|este_mundo|la_vida|mi_familia",
                "take care of each other|one_another",
                "giving|gave|give|given away my|all_my|our ~2 cat|cats|dog|dogs|pets|plants|stuff|things|belongings|possessions|jewelry|jewellery|clothes|books",
                "cancel|cancelled|canceled|canceling|cancelling all? my ~1 appointments|infusions|refills|subscriptions",
                "will_not|not_going_to|am_not_going_to be? need|needing them|it|anything|the_refill|my_meds|appointments ~2 after|past|beyond",
                "if i_am_not|i_do_not|i_am_no_longer ~3 tomorrow|tonight|after_tonight|after_today|by_morning|again|after_this_week",
                "^ decided|it_is_decided|all_decided $",
                "my last|final ~1 message|post|note|entry|log|words|day|night !(of_the|for_today|for_the|before|until|till|of_this|at|of|in|on|off|with)",
                "told|tell|telling @DET? ~2 goodbye|goodbyes today|tonight|$",
                "know what i want_to|need_to|am_going_to|have_to do there|$",
                "saying|say|said goodbye|goodbyes now|while|before_it|before_i",
                "if|when anyone|someone|somebody|you find|finds|read|reads this",
                "^ ready to go|leave|die ~3 for_real|this_time|now|$",
                "^ i_am|am going|leaving|off now|for_good $",
                "saving|saved|hoarding|keeping it|them all? for ~1 one_night|one_day|the_night|the_end|later|when|the_right",
                "hiding|hid|hide|stopped_taking|not_taking my? ~1 @MEDS instead",
                "paid|paying|planned|planning|arranged|booked|prepaid ~3 my|for_my funeral|cremation|burial",
                "finish|end what i started",
                "going_to|will|want_to|need_to set him|her|them|you|everyone|my_husband|my_wife|my_family|my_partner free",
                "should|will|would be enough $|now",
                "^ the forever|permanent kind|sort|type $",
                "thank|thanks ~3 for being my friend|friends|family",
            ),
            negatable=True,
            veto=_EVERYDAY,
        ),
    ),
    (
        "despair",
        Family(
            "pair-despair",
            Concern.SUICIDE,
            (
                "@OTHERS_EN would|will|wil|are_going_to ~1 be ~1 fine|okay|ok|alright|better|better_off|happier|relieved|better_this_way $|without|soon|eventually|honestly|i|and",
                "@OTHERS_EN would|will|are_going_to understand|cope|manage|move_on|get_over_it|get_over_me|forget_me|forget|be_sad_for_a_bit|be_sad_for_a_while",
                "better|easier this way|for_everyone|for_everybody|for_them|for_all_of_us|for_all",
                "@NOBODY would|will|has_to|needs_to|is_going_to|wil ~2 notice|care|miss|carry|look_after|deal_with|worry_about|take_care_of|have_to",
                "sorry to everyone|everybody|all_of_you|you_all|the_people|those_who|anyone|all",
                "only thing ~4 calm|peace|relief|keeps_me_going|makes_sense",
                "feel|i_feel|am so? calm|peaceful|relieved now|now_that|since|about_it",
                "thank|thanks|appreciated|grateful ~4 company|friendship|kindness|support ~3 years|everything|all_this_time",
                "sorry i_am|for_being like_this|this_way|such_a_mess|a_burden|so_much_trouble",
                "remember me how|as|the_way",
                "brain|head|mind|voice|voices|thoughts ~1 telling|tell|tells|keep_telling|keeps_telling me to",
                "moved on without me",
                "^ i_am actually|so|just? relieved $",
                "thank_you|thanks for being ~3 $",
                "lupus|it|the_disease|death can have|take my body|life|me",
                "last wish|wishes",
                "been a long time coming",
                "can_not|cannot keep being_sick|being_in_pain|living_like_this|suffering",
                "@OTHERS_EN|mom|mum|wife|husband|kids get|gets|collect|collects @DET? insurance|payout|life_insurance",
                "do_not ~3 hotline|helpline|crisis_line|number",
                "finished|done here $",
                "will_not need it|them|anything soon|@ANYMORE",
                "me canse|cansado|cansada de todo",
                "so over everything $",
                "would be so? quiet|peaceful|easy|calm down_there|there|under_the_water|at_the_bottom",
                "have|had enough $|of_it_all|of_everything|of_life",
                "thinks|think i_am getting better|fine|okay|ok",
                "@OTHERS_EN is|are sick|tired of me",
                "stop being a|an @BURDEN",
                "cansado|cansada de ser una carga|luchar|vivir",
                "soy una carga",
                "can_not|cannot keep pretending|doing_this|fighting $",
                "^ i_am|am? just|so|really|very? so? tired|exhausted $|and",
                "no more doctors|needles|treatments|meds|hospitals|pain|fighting|suffering|anything|everything|flares",
                "@OTHERS_ES va|van a estar mejor|bien",
                "@OTHERS_ES estaria|estarian mejor|bien",
                "gracias por todo $",
                "perdon|perdonenme|perdoname por todo",
                "ya no puedo_mas|aguanto",
                "ya no quiero seguir !(con|en|trabajando|haciendo|yendo|tomando|asi)",
                "nadie me va a extranar|echar_de_menos",
                "nadie va_a_tener_que|tiene_que|necesita cuidarme|aguantarme|preocuparse",
                "thank_you|thanks for trying|everything $|and",
                "^ i_am|am|so|just finished $",
                "@OTHERS deserve|deserves better|more|someone_better|a_better",
                "it|that will|would be easier|better for them|everyone|everybody|my_family|my_kids|all_of_them",
                "@NOBODY needs|wants me",
                "sorry for|about everything|it_all|all_of_this|all_of_it|all_the_trouble|being_a_burden|being_like_this|what_i_am_about_to",
                "^ i am so|really|truly? sorry $",
                "forgive me $",
                "tell @DET? ~3 i love|loved|am_sorry|was_sorry",
                "tell my|the ~1 boys|girls|kids|children|family|son|daughter|husband|wife|mom|mum|dad ~3 loved|love them|him|her|you",
                "love you all|everyone|guys|both $",
                "please do not ~1 be_sad|cry|blame|try_to_stop|try_to_find|look_for|come_looking|worry",
                "do not try to stop|find|save me",
                "talk|talking me out",
                "look|looking after|take_care_of|feed my|the ~1 cat|dog|kids|children|pets|plants|boys|girls",
                "can_not|cannot do|take|handle|keep_doing this|it ~1 @ANYMORE|$",
                "can_not|cannot go_on|keep_going|keep_on|continue $|@ANYMORE|like_this",
                "nothing left ~2 for_me|to_fight|to_live|in_me|$",
                "have nothing left",
                "no|any reason|point left|@ANYMORE|$",
                "what is the point $|of_anything|of_any_of_it|@ANYMORE",
                "am|i_am so? done $|@ANYMORE|with_everything|with_it_all|with_all_of_it|fighting|for_good|forever",
                "tired|sick of everything|fighting|hurting|it_all|all_of_it|being_alive|existing|being_here $",
                "at peace $|with_it|with_my_choice|with_my_decision|with_that|now",
                "made|make my peace",
                "not scared|afraid @ANYMORE|now|of_it|$",
                "@INTENT ~1 it|the_pain|everything|it_all to stop|end|be_over",
                "make it|everything|the_pain|all_of_it stop $|for_good|forever",
                "^ i_am|am|so|just so? tired $",
                "do_not|not want to be here|alive|around|exist",
                "it|everything|all will|wil ~1 be over|done soon|for_good|$",
                "over for good",
                "no way out",
                "only thing ~3 keeping|keeps|kept me here|going|alive",
                "do not tell anyone|anybody|my_family|my_husband|my_wife|my_parents",
                "life is just? ~1 pain|suffering|hell|torture",
                "no reason|nothing ~2 to live|to_stay|to_keep_going|to_fight_for|for_me",
                "will_not|not|never have to ~2 worry|deal_with|look_after|carry|take_care_of me",
                "cuiden|cuida|cuidad|cuidar|cuidenme a|de mi|mis ~1 perro|perra|perrita|perrito|gato|gata|gatita|gatito|hijos|hijas|plantas|mascotas|mascota",
                "you|you_guys|you_all|this_group|this_server|this_place were|was|have_been|are the best part|thing",
                "do not|never come|go looking|searching for me",
                "not ~1 sleep|sleepy|physically|that_kind_of tired",
                "thank|thanks ~2 for listening|being_there",
                "did_not|does_not|do_not|never realise|realize|know|understand what i meant|it_was_goodbye|it_was_a_goodbye",
                "deserve|deserves someone|somebody who_is_not|healthier|normal|who_can|better_than_me",
                "^ calm|peaceful|at_peace $",
                "nobody|no_one ~1 goes|go|comes|would_look|will_look|would_find|will_find|would_think_to_look there|me_there|me",
                "asking for a reason|a_real_reason|myself|me $",
            ),
            negatable=True,
            veto=_EVERYDAY,
        ),
    ),
    (
        "despair",
        Family(
            "pair-despair-said-with-a-negation",
            Concern.SUICIDE,
            (
                "do_not|do_not_really|never think anyone|anybody will|would|is_going_to miss|notice|care|mind",
                "@NOBODY will|would be sad|upset|miss_me ~1 for_long|for_very_long|long|much",
            ),
            veto=_EVERYDAY,
        ),
    ),
    (
        "resolve",
        Family(
            # "I'm going to do it tomorrow while they're at school": the time is what it says; the
            # place or errand around it ("school", "work") does not make it everyday talk.
            "pair-resolve-a-time",
            Concern.SUICIDE,
            ("@STRONG_INTENT|doing|do|am ~1 it|this tonight|tomorrow|this_week|this_weekend|soon",),
            negatable=True,
            veto=_EVERYDAY - _ERRANDS,
        ),
    ),
    (
        "farewell",
        Family(
            "pair-farewell",
            Concern.SUICIDE,
            (
                "^ bye|goodbye|bye_everyone|bye_all|goodbye_everyone|goodbye_all|bye_guys|goodbye_world|bye_world $",
                # acts of leaving: letters to the family, the pets rehomed, joining someone who died
                "written|wrote|writing|finished|left letters|notes to|for my|the ~1 kids|children|family|husband|wife|partner|parents|mom|mum|dad|sister|brother|son|daughter|sons|daughters|boys|girls|grandkids|everyone $",
                "rehomed|rehoming|rehome|found_a_new_home_for|found_new_homes_for my|our ~1 cat|cats|dog|dogs|pets|pet|bird|birds|rabbit",
                "@STRONG_INTENT ~1 go? join|be_with her|him|them|my_mom|my_mum|my_dad|my_husband|my_wife|my_son|my_daughter|my_sister|my_brother soon|shortly|again|in_heaven|up_there|on_the_other_side|$",
            ),
            veto=_EVERYDAY,
        ),
    ),
    (
        "when",
        Family(
            "pair-when",
            Concern.SUICIDE,
            (
                "^ tonight|tomorrow|today|this_weekend|this_week|soon|now|on_friday|on_saturday|on_sunday $",
                "feels|seems|is like? the right time|moment $|now",
            ),
            veto=_EVERYDAY,
        ),
    ),
)
