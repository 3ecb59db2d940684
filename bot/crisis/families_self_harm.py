"""Phrase families: self-harm (English).

Patterns use the small language of :mod:`bot.crisis.patterns` over the canonical tokens of
:mod:`bot.crisis.normalize` (so ``can't`` is written ``can not``, ``wanna`` is ``want to``,
accents are gone: ``más`` is ``mas``). To add a phrase family, see docs/crisis-detector.md.
"""

from __future__ import annotations

from bot.crisis.concern import Concern
from bot.crisis.family import Family, words
from bot.crisis.guards import ACCIDENT, EXERCISE

SELF_HARM_FAMILIES: tuple[Family, ...] = (
    # --- self-harm
    Family(
        "self-harm-cut-burn",
        Concern.SELF_HARM,
        (
            "@CUT|@BURN @REFL !(a|an|some|on_the|on_a|on_an|on_some|on_this|on_that|on_my_way|while|by_accident|loose|off|free|out|short)",
            "i|she|he|they|i_have|i_am|been|keep|kept|started|she_is|he_is|they_are|she_has|he_has ~1 @CUT|@BURN my|her|his|their ~1 @BODY",
            "@SH_PRE ~1 @CUT|cuting @SH_END",
            "i|i_have|i_am|i_did|just ~1 cut|cutting|burned|burning again",
            "^ @CUT|@BURN my|her|his|their ~1 @BODY",
            "i|so_i|then_i|and_i|i_just cut|cutting $|deep|deeper|again|last_night|tonight|today|to_feel|when|because|so|until|til|till",
            "self harm|harming|harmed|harms|injury|injuring|injure|inflicted|mutilation|mutilate|mutilating",
            "self_harmer|sh_urges|sh_again",
            "myself harm|harming|injury|mutilation scars|scar|wounds|cuts|again|urges|relapse",
            "relapse|relapsed|relapsing on|into|with the? sh|self_harm|cutting",
            "clean streak ~2 reset|broken|over|gone|ended !(~6+eating|diet|sugar|smoking|vape|vaping|drinking|soda|gym)",
            "ice|cold|hot on|against my? skin|@BODY til|till|until it burns|blisters|bleeds|burned|blistered|bled",
            "pulling|pulled|pull my hair out ~4 patches|bald|bald_spots|strands|clumps",
            "clean|free from|of sh|self_harm|cutting",
            "urge|urges|urging to|for sh",
            "fresh cuts|burns",
            "wrists|wrist ~2 bleeding|bleed|cut|slit|slashed",
            "cut|cuts|cutting too|so deep|deeply",
            "@HURT|@CUT|@BURN|bleeding|bleed ~6 @ON_PURPOSE",
            "cut|cuts|cutting|burn|burns|burning to cope|feel|punish|numb|release|calm",
            "@STRONG_INTENT|@THINK relapse|relapsing $|tonight|today|again",
            "cutting|cuting|burning_myself|hurting_myself|self_harm helps|calms|relieves|is_how_i_cope|makes_me_feel|is_the_only",
            "@CUT|@BURN|hurting|@HURT ~4 only thing that|which helps|works|calms|keeps_me|makes_me_feel",
            "want|need to bleed|see_blood $",
            "hate my body ~6 cut|burn|hurt|punish|starve|scratch|hit",
            "^ cut|cutting|burned|burning again",
            "cuts|burns|scratches on|all_over @POSS|the ~1 @BODY",
            "@BODY ~3 covered in|full_of cuts|burns",
            "blade|blades ~3 @BODY|@REFL",
            "@HURT|@CUT|pick|picking|picked|pinch|pinching|pinched ~6 until|till|til|untill i|they|it bleed|bleeds|bled|bleeding|bruise|bruises|bruised|swell",
            "blade|blades|razor_blade|razor_blades hidden|stashed|hid|hiding|in_my_room|under_my|in_my_drawer|for_later|ready",
            "make|made myself bleed",
            "carve|carving|carved into my|her|his ~1 @BODY|skin",
            "carve|carving|carved|scratched|scratching|etched ~3 into|in|on my|her|his ~1 @BODY|skin",
            # the urge, the means, the marks and hiding them, said without "myself"
            "urge|urges|urging|craving|cravings|itching|tempted ~2 to? cut|cutting|burn|burning !(back|down|out|off|ties|corners|class|carbs|sugar|costs|the_grass|the_lawn|my_hair|her_hair|his_hair|it_short)",
            "want|wanting|wanna|urge|urges|tempted|craving|need ~3 razor|razors|blade|blades|my_blade !(for|to_shave|shave|shaving|replacement|replacements|refill|refills)",
            "hide|hiding|hid|cover|covering|covered_up|conceal|concealing ~3 cuts|burns|sh_scars|self_harm_scars|fresh_scars|new_scars|the_marks",
            "new|fresh|deep|more cuts|burns ~2 on|all_over @POSS|the ~1 @BODY",
            "@BODY ~3 covered in|full_of ~1 cuts|burns",
            "new cuts|burns $",
            "sh relapse|relapsed|again|urges|free|clean|scars|wounds",
            "sh|shing|self_harm|cutting ~3 cope|coping|copes|coping_mechanism",
            "sh|self_harm|cutting|shing ~2 only thing|only_way",
            "long_sleeves|hoodie|hoodies ~8 would_not|will_not|can_not|does_not|wouldnt see|notice my|the arms|wrists|thighs|legs|marks|cuts|scars",
            "the ones|bruises|marks|cuts i do|did|make|made myself",
            "relapsed|relapse ~4 back to day|square 0|zero|one|1",
            "deserve|deserved the|my|these scars|cuts|marks",
            "hiding|hide|hid my|the sh|cuts|scars ~3 from",
            "always? have|wear|wearing bandaids|band_aids|plasters|bandages on my wrists|wrist|thighs|forearms",
            "relapsed twice|again|three_times ~3 therapist|this_week|tonight|last_night",
            "the|my cut|cuts will_not|does_not|wont stop bleeding",
            "i|i_have|i_still|and_i cut|cutting|burn please|pls|sometimes|a_lot|every_night|every_day|most_days|when_it|when_i",
            "press|pressing|pressed|held|holding|hold|put|putting @DET? hot|heated|burning|lit ~1 spoon|lighter|metal|knife|coin|cigarette|match ~2 on|to|against|into my|her|his ~1 @BODY|skin",
            "lighter|lighters|cigarette|cigarettes ~2 to|on|against my|her|his ~1 @BODY|skin",
            "@HURT|@CUT|@BURN|punched|punching|hit|hitting|scratched|scratching|picked|picking ~6 until|till|til ~2 bleed|bleeds|bled|bleeding|bruised|broke_the_skin|split|swelled|breaks|broke",
            "@HURT|@CUT|@BURN|punched|punching|hit|hitting|scratched|scratching ~8 to|just_to|wanted_to|want_to|needed_to feel something|anything|real|alive|in_control",
            "cut|cuts|burn|burns|wound|wounds|marks i|that_i|which_i ~1 did|made|gave|give|do @REFL|to_myself|on_purpose",
            "using|used|use|grabbed|grab|got_out the|my razor|razors|blade|blades again|to_cope|to_feel|tonight",
            "^ cut|cutting|burned|burnt ~1 times|twice|again",
            "how deep ~5 cut|cuts|cutting|wrist|wrists|vein|veins",
            "ice and salt|salt and ice ~4 on my|her|his ~1 @BODY|skin",
            "day|days|week|weeks|month|months|year|years clean ~6 back to square_one|zero|day_one|relapsed|broke_it|reset",
            "keep|kept|keeping @DET? blade|blades|razor_blade|razor_blades ~5 for|in_case|just_in_case|hidden|hide|hiding",
            "pull|pulling|pulled my hair out ~3 @ON_PURPOSE|to_feel|until|when",
            "the ones|cuts|marks|wounds i made|did ~2 sunday|monday|tuesday|wednesday|thursday|friday|saturday|last_night|yesterday|this_week|today",
            "has|had been cutting|self_harming|burning_herself|burning_himself !(down|back|out|off|up|costs|carbs|sugar|the|his_hair|her_hair|my_hair|wood|class|corners|ties|coupons|grass|her_pills|his_pills|pills|coupons)",
            "ice and salt|salt and ice thing|challenge|burn|burns",
            "carve|carving|carved|cut|cutting a|another ~2 line|lines|tally|tallies|mark|marks !(in_the|into_the|on_the|in_wood|on_paper|in_my_notebook)",
            "cut|cuts|went deeper|too_deep than|this_time ~3 meant|wanted|intended|planned|usual",
            "blade|blades out_of|from @DET? ~2 sharpener|sharpeners|razor|razors",
            "shing|sh_ing|shd|sh_d|sh_ed again|lately|$",
            "@HURT|@CUT|@BURN|punched|punching|hit|hitting|scratched|scratching|starved|starving ~8 because|cause|cuz|coz|since i deserve|deserved|deserve_it|deserved_it",
        ),
        veto=ACCIDENT | EXERCISE,
    ),
    Family(
        "self-harm-hurt",
        Concern.SELF_HARM,
        (
            "@HURT @REFL !(@HYPERBOLE_AFTER)",
            "@STRONG_INTENT|@THINK @HURT|@CUT|@BURN @REFL|my_body|my_arms",
            "punish|punishing|punished @REFL",
        ),
        negatable=True,
        veto=ACCIDENT | EXERCISE,
    ),
    Family(
        # A count of days "clean" then broken: "clean for 40 days and I just broke it".
        "self-harm-relapse",
        Concern.SELF_HARM,
        (
            "clean for ~2 day|days|week|weeks|month|months|year|years ~5 broke|broken|relapsed|slipped|ruined_it|lost_it|messed_it_up|blew_it",
        ),
        veto=words(
            "eating eat ate diet sugar food pizza cake chocolate candy sweets keto gluten dairy carbs junk smoking smoke "
            "cigarettes cigarette vape vaping nicotine drinking drink alcohol booze soda coffee caffeine gambling"
        ),
    ),
    Family(
        # Meant, so no everyday object makes it an accident: "thinking about burning myself with
        # the iron again", "pressed the hot iron to my arm".
        "self-harm-meant",
        Concern.SELF_HARM,
        (
            "started|starting|start @CUT|@BURN|hurting @REFL ~6 again",
            "been|keep|kept|started hurting|cutting|burning @REFL with @DET? ~2 knife|blade|razor|scissors|lighter|iron",
            "@THINK|want_to|wanted_to|urge_to|urges_to|tempted_to|itching_to @HURT|@CUT|@BURN @REFL !(a|an|some|slack|off|free|loose|short|out|up|by_accident|on_the|on_a)",
            "not|never trying|trying_to|wanting|want|going to? die|kill_myself|end_it|end_my_life|unalive_myself ~4 just|only ~3 feel|cope|numb|release|punish|to_feel|to_cope",
            "held|hold|holding|put|kept my|her|his ~1 @BODY|hand|hands|finger|fingers|palm over|on|in|against|to @DET? ~2 stove|burner|flame|flames|candle|lighter|fire|hob ~6 feel|hurt|burn|until|till|seconds|on_purpose|so",
            "press|pressing|pressed|held|holding|hold @DET? hot|heated|burning|lit ~2 iron|pan|spoon|lighter|metal|knife|coin|cigarette|match|straightener|straighteners|fork|key|needle|wire|lid ~2 on|to|against|into my|her|his ~1 @BODY|skin",
        ),
        negatable=True,
    ),
    Family(
        "self-harm-on-purpose",
        Concern.SELF_HARM,
        (
            "@HURT|@CUT|@BURN|hit|bang|banged|banging @REFL|my_body|my_head|my_arms|my_skin ~5 @ON_PURPOSE",
            "@ON_PURPOSE @HURT|@CUT|@BURN ~1 @REFL",
            "pull|pulling|pulled out my hair ~3 @ON_PURPOSE|to_feel|until",
            "head|fist|fists into|against the? wall ~3 @ON_PURPOSE|until|til|till|to_feel",
            "bang|banging|banged|hit|hitting my head on|against|into the|a? ~1 wall|walls|floor|door|mirror ~2 when|until|till|til|to_feel|on_purpose|again",
            "hit|hitting|punch|punching|slap|slapping|beat|beating|pinch|pinching my|her|his ~1 @BODY when|whenever|every_time|until|till|til|because ~4 angry|mad|hate|frustrated|upset|bruise|bruises|bruised|bleed",
            "punish|punishing|punished|hurt|hurting my body|it ~6 deserves|deserve|deserved it",
            "dig|digging|dug ~2 nails in|into ~3 until|till|til ~2 bleed|bleeds|bled|bleeding|it_bleeds",
            "press|pressing|pressed|push|pushing|squeeze|squeezing ~3 joints|bruises|bruise|cuts|wounds|scabs ~2 until|till|til ~3 pass_out|nearly_pass_out|bleed|cry|scream|see_stars",
            "@HURT|@CUT|@BURN|hit|bang my|her|his ~1 @BODY|hand|hands|finger|fingers|head|wrist ~3 @ON_PURPOSE",
            "dig|digging|dug|digs ~2 nails into my|her|his ~1 @BODY|skin",
            "bit|bite|biting|bites my|her|his ~1 @BODY|hand|lip ~3 so_hard|hard_enough|until|till|bruised|bruise|bled|bleed",
            "press|pressing|pressed|push|pushing|pushed|poke|poking|poked|squeeze|squeezing|pinch|pinching|hit|hitting ~2 my|her|his|the bruises|bruise|cuts|wounds|burns|scabs|sores ~4 make|making them|it hurt|hurts|sting|bleed more|worse",
            "i|when_i|and_i|so_i|then_i|keep|kept|started|been slap|slapping|slapped|punch|punching|punched|smack|smacking|smacked|beat|beating @REFL !(for|with|on|in_the|by|awake|out_of|silly)",
            "slam|slammed|slamming|smash|smashed|smashing|bash|bashed|bashing my|her|his ~1 @BODY|hand|hands|finger|fingers|head ~6 @ON_PURPOSE|so_the_pain|to_feel",
            "want|wanted|need|needed it to hurt|bleed",
            "press|pressing|pressed|push|pushing|squeeze|squeezing|pinch|pinching|scratch|scratching ~8 @ON_PURPOSE",
            "slap|slapped|slapping|hit|hitting|punch|punched|punching my own? face|head ~3 over_and_over|again_and_again|repeatedly|until|till",
            "i ~1 deserve|deserved to feel_hungry|starve|suffer|hurt|bleed|be_punished|feel_pain|be_in_pain",
            "i|i_have|been|keep|kept punch|punched|punching|hit|hitting|slap|slapping|beat|beating my|her|his ~1 @BODY !(on|against|into|by|with_the|with_a)",
            "making|made|make myself throw_up|puke|vomit|sick ~4 after|because|bc|every|to",
            "scratch|scratching|scratched|pick|picking|picked ~2 open on_purpose|until|so_it|to_make_it",
        ),
    ),
)
