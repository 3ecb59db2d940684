"""The crisis detector's knowledge: word classes and phrase families (English and Spanish).

Patterns use the small language of :mod:`bot.crisis.patterns` over the canonical tokens of
:mod:`bot.crisis.normalize` (so ``can't`` is written ``can not``, ``wanna`` is ``want to``,
accents are gone: ``más`` is ``mas``). To add a phrase family, see docs/crisis-detector.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.crisis.concern import Concern
from bot.crisis.normalize import squeeze

Person = Literal["self", "other"]


@dataclass(frozen=True, slots=True)
class Family:
    """Phrasings of one concern. A match counts unless one of the family's guards says otherwise."""

    name: str
    concern: Concern
    patterns: tuple[str, ...]
    language: str = "en"
    negatable: bool = False  # "I don't want to die" is not "I want to die"
    veto: frozenset[str] = frozenset()  # words in the same sentence that make it everyday talk
    person: Person | None = None  # fixed; None = from the words (herself, my friend, she ...)
    default_person: Person = "self"  # when the words do not say


def words(text: str) -> frozenset[str]:
    """A set of words, squeezed like the token stream ("coffee" is "cofe")."""
    return frozenset(squeeze(w) for w in text.split())


# ---- word classes -------------------------------------------------------------------------------

CLASSES: dict[str, tuple[str, ...]] = {
    "SELF": ("myself", "my own self", "me"),
    "REFL": ("myself", "my own self", "herself", "himself", "themselves", "yourself", "yourselves"),
    "OTHER_REFL": ("herself", "himself", "themselves", "yourself", "yourselves"),
    "POSS": ("my own?", "her own?", "his own?", "their own?", "your own?"),
    "DET": ("my", "the", "a", "an", "her", "his", "your", "our", "their", "some", "it", "them", "this", "that"),
    "ANYMORE": ("anymore", "any longer", "no more", "no longer", "much longer"),
    "KILL": (
        "kill", "killing", "killed", "kils", "unalive", "unaliving", "unalived",
        "murder", "murdering", "end", "ending", "hang", "hanging", "hanged", "shoot", "shooting",
        "poison", "poisoning", "suffocate", "suffocating", "strangle", "strangling", "stab", "stabbing",
        "electrocute", "gas", "delete", "deleting", "yeet", "yeeting", "erase", "erasing",
    ),
    # what follows "kill(ing) myself" when it means working hard, laughing, or "shoot myself in the foot"
    "HYPERBOLE_AFTER": (
        "trying", "working", "laughing", "at work", "at the gym", "over", "in the foot", "in work", "in the gym", "at the office",
        "to get", "to make", "to keep", "to finish", "to meet", "to please", "for this", "for work",
        "for nothing", "with work", "cleaning", "doing", "in coffee", "tripping", "falling", "slipping",
        "on the", "running", "getting", "carrying", "lifting",
    ),
    "INTENT": (
        "want to", "want", "wish", "wanted to", "wants to", "wanting to", "wish to", "would like to", "would love to",
        "ready to", "am ready to", "deserve to", "deserved to", "should", "should just", "just want to",
        "plan to", "planning to", "planned to", "need to", "needs to", "let me", "going to just",
        "urge to", "urges to", "tempted to", "feel like i want to", "want to just",
    ),
    "STRONG_INTENT": (
        "@INTENT", "going to", "gonna", "about to", "will", "have to", "trying to", "tried to", "try to",
        "try and", "decided to", "choose to", "attempt to", "attempted to", "might", "may", "could",
        "might just", "i will", "i would", "am going to", "threatening to", "threatened to", "threatens to",
        "time to", "it is time to", "maybe i should", "should i",
    ),
    "THINK": (
        "thinking about", "thinking of", "think about", "thought about", "thought of", "thoughts of",
        "thoughts about", "considering", "contemplating", "fantasizing about", "fantasising about",
        "dreaming about", "dreaming of", "dream about", "obsessed with", "planning on", "ideation",
        "googling", "looking up", "researching", "talking about", "talks about", "talked about",
        "keeps talking about", "keep talking about", "joking about", "jokes about", "posting about",
        "can not stop thinking about", "keep thinking about", "fixated on",
    ),
    "HAIR": (
        "hair", "roots", "beard", "brows", "eyebrows", "eyebrow", "lashes", "clothes", "shirt", "jeans",
        "dress", "fabric", "yarn", "wool", "eggs", "fur", "colour", "color", "pink", "purple", "blue",
        "red", "black", "blonde", "blond", "brown", "green", "grey", "gray", "silver", "orange", "teal",
        "highlights", "grays", "greys", "ombre",
    ),
    "DYE_OBJECT": ("@DET", "@HAIR"),
    # "die" the way people mean themselves, and what stands for it
    "END_IT": (
        "end it !(with|for|at|early|there)",
        "end it all",
        "end this $|now|tonight|today|for_good|forever|once_and_for_all|life|pain_forever|suffering",
        "end things !(with)",
        "end everything",
        "end my life|suffering",
        "commit suicide",
        "unalive",
        "kill|unalive myself",
        "leave this world|earth",
    ),
    "DIE": (
        "@END_IT",
        "die !(@DET?+~1+@HAIR) !(when|of|from_embarrassment|laughing|from_laughing|at_home|in_hospital|in_a_hospital|in_the_hospital|in_my_own|in_my_bed|peacefully_at|when_the_time|surrounded|before_my|young|old)",
        "dye !(@DYE_OBJECT)",
        "be dead",
        "be gone &(@ANYMORE|forever|for_good|$)",
        "not be here",
        "not be alive",
        "not be around",
        "not exist",
        "not to exist",
        "stop existing",
        "cease to exist",
        "disappear !(to|for|on|into|under|in|from_work|off|with|at|until|till|a_bit|a_while|somewhere) !(from+!(this_world|the_world|earth|existence|everyone|everybody|life|the_face_of|here))",
        "vanish !(to|for|on|into|under|in)",
        "fall asleep and ~2 never|not wake up? !(@WAKE_VETO)",
        "go to sleep and ~2 never|not wake up? !(@WAKE_VETO)",
        "sleep and ~2 never|not wake up? !(@WAKE_VETO)",
        "sleep|asleep ~1 and ~2 never|not wake up? !(@WAKE_VETO)",
        "never wake up !(@WAKE_VETO)",
        "not wake up !(early|at|before|for|so|in|on|tomorrow_at)",
        "stop living",
        "stop breathing",
        "give up on life|living",
        "be with my ~2 in heaven",
        "go to sleep forever",
        "fall asleep forever",
        "rest forever",
        "rest in peace",
        "be with jesus|god|the_lord",
        "go home to the lord|god|jesus|heaven",
        "meet jesus|god|my_maker",
        "get hit by a|the ~1 truck|car|bus|train",
        "get ~2 and die",
        "log off|out permanently|forever|for_good|from_life",
    ),
    "WAKE_VETO": ("up", "early", "at", "before", "for", "so", "in", "on", "with", "until", "till", "til", "when", "tomorrow at"),
    "DYING": (
        "dying",
        "death",
        "ending it all?",
        "ending things",
        "ending everything",
        "ending my life",
        "not existing",
        "disappearing forever",
        "not waking up",
        "never waking up",
        "not being here",
        "not being alive",
        "not being around",
        "being dead",
        "unaliving",
        "jumping off|from|$",
        "jumping in front",
        "hanging myself",
        "my funeral",
        "ways to die",
    ),
    "DYING_ACT": (
        "dying", "ending it all?", "ending things", "ending everything", "ending my life", "not existing",
        "disappearing forever", "killing myself", "unaliving myself?", "giving up on life",
    ),
    # states of being dead or gone that are almost never everyday talk
    "DEATH_STATE": (
        "not be here !(for|at|when|on|in|today|tonight|tomorrow|without|by|until|till|while|this_week|next)",
        "not exist", "not existing", "stop existing", "stop being alive", "be dead", "being dead",
        "not be alive", "not being alive", "never wake up !(@WAKE_VETO)", "never waking up !(@WAKE_VETO)",
        "not wake up !(early|at|before|for|so|in|on|with|until|till|tomorrow_at|when)",
        "not waking up !(early|at|before|for|so|in|on|with|until|till|when)",
        "be gone forever", "disappear forever", "cease to exist", "not be around &(@ANYMORE|$|anyone)",
        "fade away $", "just fade away", "be six feet under", "be in the ground",
        "not be living", "not have to wake up", "not to have been born", "never have been born",
        "not feel anything ~1 again|ever_again|anymore", "never feel anything ~1 again|ever_again",
    ),
    "WISH": ("wish", "wishing", "wishes", "hope", "hoping", "hopes", "pray", "praying", "prays"),
    "DEAD_IDIOM": (
        "asleep", "tired", "on my feet", "set", "serious", "wrong", "last", "center", "centre", "end", "weight",
        "battery", "inside", "meat", "skin", "lol", "lmao",
    ),
    "GONE": (
        "died", "was dead", "were dead", "was gone", "were gone", "was not here", "were not here",
        "was not around", "were not around", "was not alive", "did not exist", "never existed",
        "disappeared", "was never born", "were never born", "had never been born", "left this world",
        "just died", "killed myself", "was to die", "were to die", "ended it", "stopped existing",
        "was not in the picture",
    ),
    "LIVE_PLACE": (
        "in", "at", "near", "on", "there", "here", "alone", "close", "far", "so far", "together", "next",
        "anywhere", "somewhere", "abroad", "with him", "with her", "with them", "with roommates",
        "with people", "with someone", "with anyone",
        "with my parents|mom|mum|dad|family|husband|wife|partner|boyfriend|girlfriend|roommate|ex|sister|brother|kids",
        "without", "through another winter|summer|heatwave|election|move", "through the winter|summer",
    ),
    "GO_ON_END": (
        "$", "like", "living", "@ANYMORE", "with life", "with my life", "with living", "without", "this way",
        "another", "for much", "any", "much", "and", "but", "i", "because", "every", "tbh", "honestly",
        "lol", "today", "tonight", "right now",
    ),
    "LIVE_OBJ": (
        "live !(@LIVE_PLACE)",
        "be alive",
        "be here !(for|at|when|tomorrow|on|in|today|tonight|without)",
        "be here &(@ANYMORE)",
        "be here|alive|around tomorrow $",
        "exist",
        "wake up !(early|at|before|for|so|in_time|to|on|with)",
        "go on &(@GO_ON_END)",
        "keep going &(@GO_ON_END)",
        "carry on &(@GO_ON_END)",
        "continue &(@GO_ON_END)",
        "keep living",
        "be around !(for|when|people|him|her|them|my|the)",
        "survive &(@GO_ON_END|this)",
        "try &(@ANYMORE)",
        "fight &(@ANYMORE|this_anymore|it_anymore|$)",
        "do this &(@ANYMORE|$)",
        "do this life",
        "be in this world",
        "be on this earth",
        "see tomorrow",
        "wake up tomorrow",
        "be me &(@ANYMORE)",
        "live like this",
        "be living",
        "do life",
        "try to live|keep_living|go_on|stay_alive|exist|keep_going",
        "live with this pain|disease|illness",
    ),
    "CANNOT_OBJ": (
        "live !(@LIVE_PLACE)",
        "go on &(@GO_ON_END)",
        "keep going &(@GO_ON_END)",
        "carry on &(@GO_ON_END)",
        "continue &(@GO_ON_END)",
        "keep living !(on|off|with_my|at|like_a|paycheck|in_a|in_the|in_this_city|in_this_house|in_this_apartment|in_my_car|here|there)",
        "be here &(@ANYMORE)",
        "exist &(@ANYMORE|$)",
        "do this &(@ANYMORE|$|again|any|like|alone)",
        "do it &(@ANYMORE)",
        "do life",
        "do any of this &(@ANYMORE)",
        "take this|life|living &(@ANYMORE|$|no|any|much)",
        "take it &(@ANYMORE|no|any|much)",
        "take any|much more|longer",
        "take anymore|much_more|any_longer ~1 of? this|it|life|$",
        "take the|this pain|life @ANYMORE $",
        "cope &(@ANYMORE|$)",
        "cope with life|living|anything",
        "handle it|this|life &(@ANYMORE)",
        "handle life|living",
        "bear it|this|living|life &(@ANYMORE|$)",
        "bear to live|go_on",
        "face another day",
        "survive another day|night|week|year|month &(like|$|of)",
        "face tomorrow",
        "live like this|this_way",
        "live with this &(@ANYMORE)",
        "keep doing this &(@ANYMORE|$)",
        "keep fighting &(@ANYMORE|$)",
        "stand it|this|living|life &(@ANYMORE|$)",
        "fight &(@ANYMORE|this_anymore|it_anymore)",
        "try &(@ANYMORE)",
    ),
    "POINT_OBJ": (
        "living !(@LIVE_PLACE)", "life", "being alive", "going on", "carrying on", "existing", "trying anymore",
        "any of this $", "any of it $", "all of this $", "all this $", "this life", "it all $",
        "me being here", "being here", "anything anymore", "me living", "it anymore", "anymore",
        "my life", "to live", "to keep going", "even trying $", "even trying @ANYMORE", "even living",
        "even being alive", "even being here", "even waking up", "to go on", "to keep living", "to anything",
        "to life", "in life", "of life", "in anything", "of anything", "it all", "staying alive",
        "being me", "waking up &($|@ANYMORE)", "fighting anymore", "trying anymore", "to try anymore",
        "getting up anymore", "getting out of bed anymore", "to wake up", "in waking up",
        "to being alive", "in being alive", "to it anymore", "in going on", "in living",
    ),
    "TIRED_OBJ": (
        "living !(off|on|in|at|out|paycheck|with|here|there|alone|like_a|near)",
        "life", "being alive", "existing", "existence", "being here", "breathing", "this life",
        "my life", "waking up &($|@ANYMORE)", "surviving", "fighting &(@ANYMORE|$|for_my_life|to_stay_alive|to_live)",
        "trying to stay alive", "being me", "trying &($|@ANYMORE)", "fighting &(i|and|so|but)", "everything &($|@ANYMORE|i)", "being in this world", "being on this earth", "staying alive",
        "pretending i am ok|okay|fine &($|@ANYMORE|i|and|but)",
    ),
    "TIRED": ("tired", "sick", "done", "exhausted", "fed up", "weary", "so over", "sick and tired", "worn out"),
    "MEDS": (
        "pills", "pill", "tablets", "tablet", "tabs", "meds", "medication", "medications", "medicine",
        "medicines", "capsules", "caps", "drugs", "sleeping pills", "sleeping tablets", "sleeping meds",
        "painkillers", "pain killers", "pain pills", "pain meds", "antidepressants", "insulin",
        "plaquenil", "hydroxychloroquine", "hcq", "prednisone", "pred", "prednisolone", "steroids",
        "methotrexate", "mtx", "tylenol", "paracetamol", "acetaminophen", "ibuprofen", "advil", "motrin",
        "aleve", "naproxen", "aspirin", "tramadol", "oxy", "oxycodone", "oxycontin", "percocet",
        "percs", "vicodin", "hydrocodone", "codeine", "morphine", "fentanyl", "gabapentin", "lyrica",
        "pregabalin", "xanax", "valium", "klonopin", "ativan", "benzos", "lorazepam", "diazepam",
        "ambien", "zolpidem", "benadryl", "melatonin", "sertraline", "zoloft", "prozac", "fluoxetine",
        "amitriptyline", "lithium", "seroquel", "quetiapine", "trazodone", "mycophenolate", "cellcept",
        "azathioprine", "imuran", "tacrolimus", "warfarin", "nyquil", "opioids", "opiates", "heroin",
        "sleeping aids", "sleep aids", "antihistamines", "blood thinners", "prescription", "prescriptions",
        "bottle",
    ),
    "TOOK": (
        "took", "take", "taking", "taken", "swallowed", "swallow", "swallowing", "downed", "down", "popped",
        "pop", "ate", "eaten", "chugged", "overdosed on", "od on",
    ),
    "TOOK_PAST": ("took", "swallowed", "downed", "popped", "ate", "chugged", "have taken", "just took"),
    "ALL_OF": (
        "every single one of", "every one of", "each one of", "every last one of",
        "all", "all of", "the whole", "a whole", "my whole", "my entire", "her whole", "his whole", "an entire", "the entire", "every", "every single",
        "a handful of", "handful of", "handfuls of", "a bunch of", "bunch of", "the rest of",
        "whatever was left of", "everything in", "the lot of", "entire",
    ),
    "TOO_MANY": (
        "too many", "way too many", "loads of", "lots of", "a lot of", "dozens of", "so many",
        "a ton of", "tons of", "a load of", "too much",
    ),
    "HURT": (
        "hurt", "hurting", "hurts", "harm", "harming", "punish", "punishing", "punished", "hit", "hitting",
        "punch", "punching", "punched", "scratch", "scratching", "scratched", "bite", "biting", "bruise",
        "bruising", "starve", "starving", "injure", "injuring",
    ),
    "CUT": (
        "cut", "cutting", "cuts", "cuted", "slice", "slicing", "sliced", "carve", "carving", "carved", "slash",
        "slashed", "slashing",
    ),
    "BURN": ("burn", "burning", "burned", "burnt", "burns"),
    "BODY": (
        "arm", "arms", "wrist", "wrists", "thigh", "thighs", "leg", "legs", "skin", "stomach", "belly",
        "hip", "hips", "body", "forearm", "forearms", "chest", "ankles", "face",
    ),
    "SH_PRE": (
        "been", "started", "start", "keep", "kept", "stop", "stopped", "quit", "relapsed", "relapse", "am",
        "was", "is", "still", "urge to", "urges to", "urge", "want to", "need to", "tempted to",
        "back to", "went back to", "thinking about", "thinking of", "itching to", "craving", "crave",
    ),
    "SH_END": (
        "$", "again", "so bad", "tonight", "today", "right now", "lately", "since", "for years",
        "for months", "for weeks", "for a while", "and", "but", "because", "every", "when", "more",
        "myself", "deeper", "badly", "really",
    ),
    "ON_PURPOSE": ("on purpose", "deliberately", "intentionally", "purposely", "purposefully", "a proposito"),
    "OTHER_POSS": ("her", "his", "their", "your"),
    "PERSON_ES": ("yo",),
    "MORIR_ES": (
        "morir !(de)", "morirme", "matarme", "suicidarme", "desaparecer !(unos|un|por|de|a|una|el|la|los|las|este|esta|mi|mis|esto|eso|del)", "dejar de existir", "no despertar",
        "no despertar nunca mas", "quitarme la vida", "acabar con mi vida", "acabar con todo",
        "terminar con todo", "terminar con mi vida", "irme para siempre", "estar muerta", "estar muerto",
        "no existir", "dormir para siempre", "cortarme las venas", "irme de este mundo", "dejar este mundo",
        "salir de este mundo",
    ),
    "QUIERO_ES": (
        "quiero", "quisiera", "queria", "deseo", "necesito", "prefiero", "pienso en",
        "pensando en", "he pensado en", "tengo ganas de", "solo quiero", "ya quiero", "me dan ganas de",
        "quiero solo",
    ),
    "ES_BENIGN_CUT": (
        "el pelo", "el cabello", "las unas", "la barba", "el fleco", "el flequillo", "cocinando", "el dedo",
        "un dedo", "la mano", "afeitando", "afeitandome", "con papel", "con un papel", "con el papel",
        "sin querer", "las piernas afeitando", "las puntas",
    ),
    # "suicide prevention", "suicide squad": the word as a topic, not the writer's own thought
    "SUICIDE_AS_TOPIC": (
        "prevention", "awareness", "squad", "doors", "door", "bomber", "bombers", "bombing", "bombings", "rates",
        "rate", "statistics", "research",
    ),
    # what, right after one of the content's own crisis phrases, shows it is everyday talk
    "CONTENT_PHRASE_GUARD": (
        "@SUICIDE_AS_TOPIC",
        "@HYPERBOLE_AFTER", "@DEAD_IDIOM", "@LIVE_PLACE", "@DET? ~1 @HAIR", "@WAKE_VETO", "at home",
        "in hospital", "in a hospital", "when the time", "of", "from", "some slack", "a piece", "a slice",
        "a break", "short", "shaving", "cooking", "by accident", "accidentally",
    ),
    "PILLS_ES": ("pastillas", "pildoras", "medicinas", "medicamentos", "pastilla", "tabletas", "remedios"),
}  # fmt: skip


# ---- words that guard matches -----------------------------------------------------------------

NEGATORS = words("not never no nunca cannot")
# Words that may sit between a negator and the matched phrase: "I do not really want to die".
NEGATION_BRIDGE = words(
    "i you do does did really even ever actually honestly am would will just want to going"
)

# A cut, burn or hurt with one of these nearby is an accident of everyday life.
ACCIDENT = words(
    "shaving shave shaved shaver razorblade cooking cook chopping chop chopped slicing kitchen onion onions "
    "vegetables veggies bread paper papercut lid glass accident accidentally accidently oops gardening garden "
    "roses rose thorns fall falling fallen slipped slip tripped stove oven pan kettle iron curling "
    "straightener tea coffee soup sun sunburn baking tray stairs bus door edge counter corner table drawer "
    "cupboard shelf mandoline grater itch itchy itching rash hives eczema mosquito bites nails cuticle "
    "finger thumb toe hair bangs nail pelo cabello unas cocinando cuchillo afeitando depilando papel horno "
    "sarten plancha cafe dedo flequillo"
)
EXERCISE = words(
    "stretch stretches stretching stretched exercise exercises exercising routine routines yoga pilates "
    "pt physio physiotherapy workout workouts gym walk walking walked run running jog jogging weights "
    "squat squats lunge lunges plank planks bridge bridges swim swimming bike biking cycling "
    "class chi pose poses raises circles cow hamstring warmup session reps "
    "band bands treadmill hike hiking dance dancing zumba aerobics balance estiramiento estiramientos "
    "ejercicio ejercicios rutina caminata caminar gimnasio yoga"
)
INJURY = words(
    "hurt hurts hurting injured injure injury injuring pulled strained strain sprained sprain tweaked "
    "twisted ouch ow tore torn lastime lastimado lastimada lesione duele dolio torci"
)
# "3 kms", "a few kms" are distances, not "kill myself".
QUANTITY = words(
    "few couple several many some more extra those the these a one two three four five six seven eight "
    "nine ten twenty half of"
)

FIRST_PERSON = words("i me my myself mine yo mi me")
# Who else a message can be about (checked backwards from a match, nearest first).
OTHER_PEOPLE = words(
    "he she they him her them his their herself himself themselves yourself yourselves someone somebody "
    "friend friends bf gf bff bestie boyfriend girlfriend husband hubby wife partner fiance fiancee mom "
    "mum mother mama dad father papa sister sis brother bro son daughter kid kids child teen teenager "
    "cousin aunt uncle niece nephew grandma grandpa grandmother grandfather roommate flatmate coworker "
    "colleague classmate member members neighbor neighbour student ex person guy girl woman man lady "
    "amiga amigo hermana hermano hijo hija madre padre esposo esposa novio novia pareja prima primo ella"
)
OTHER_INSIDE = words(
    "her his their herself himself themselves yourself yourselves him she he they"
)  # not "them": pills

SPANISH_HINTS = words(
    "que de la el los las y en mi me no por con para una esta estoy muy pero es ya mas quiero puedo todo "
    "tengo hoy dolor"
)
ENGLISH_HINTS = words("the and i to is my it you of in that this have am not with for so but")


# ---- phrase families --------------------------------------------------------------------------

_TOOK_ALL_VETO = words(
    "morning evening breakfast lunch dinner food schedule daily routine yay finally remembered time today "
    "vitamins supplements organizer pillbox forgot forget remember remind reminder sure did prescribed doctor gave "
    "pharmacy pharmacist refill refills fridge cheaper cost costs insurance coupon tried nothing helped"
)

FAMILIES: tuple[Family, ...] = (
    # --- suicide, said outright
    Family(
        "kill-self",
        Concern.SUICIDE,
        (
            "@KILL @REFL !(@HYPERBOLE_AFTER)",
            "@STRONG_INTENT|@THINK off|offing @REFL",
            "commit|commiting|committed|comit suicide",
            "take|taking|took|taken|end|ending|ended @POSS life|lives !(back|into|one|seriously|in_my|for_granted|easy|in_your|in_her)",
            "end|ending @POSS existence",
            "unalive|unaliving|unalived|unalives",
            "suicide !(@SUICIDE_AS_TOPIC)",
            "suicidal|suicidally|suicidality|suiciding|suicided",
            "kms|kmsl|kmsfr !(walk|run|today|a_day|per|each|of|on|to|from|away|hike|ride|more|left|in|done|yesterday|this|every|and_back)",
        ),
    ),
    Family(
        "kill-yourself",
        Concern.SUICIDE,
        ("kys", "kill|killing yourself|yourselves"),
        default_person="other",
    ),
    Family(
        "method",
        Concern.SUICIDE,
        (
            "jump|jumping|jumped|throw|throwing off|from @DET? ~1 bridge|roof|building|balcony|cliff|overpass|tower|ledge|window|rooftop|car_park|parking_garage",
            "@REFL off|from|under ~2 bridge|roof|building|balcony|cliff|overpass|tower|ledge|window|train|bus|truck",
            "step|stepping|walk|walking|jump|jumping|throw_myself|throwing_myself|run|running in front of @DET? ~1 train|bus|truck|car|cars|traffic|lorry",
            "slit|slitting|slash|slashing|cut|cutting|open @POSS? wrists|wrist|throat|veins",
            "gun|pistol|bullet to|in @POSS head|mouth",
            "blow|blowing @POSS brains out",
            "drive|driving|crash|crashing|steer|swerve|swerving|wrap|wrapping @POSS? car ~2 off|into ~1 road|bridge|wall|tree|cliff|river|lake|traffic|oncoming|truck|pole",
            "drive|driving|crash|crashing into ~1 wall|tree|traffic|oncoming|truck|pole|river|lake on_purpose",
            "hang|hanging myself|herself|himself|themselves",
            "hangrope",
            "drown|drowning @REFL !(in)",
            "engine|car|motor running ~4 garage",
            "chair|stool ~3 rope|hangrope|belt|cord",
            "rope|hangrope|belt|cord ~3 around_my_neck|my_neck|chair|stool|beam|ceiling|closet_rod",
            "use|using|turn|turning it|the_gun|a_gun|the_knife|the_blade|the_rope on myself",
            "crash|crashing|crashed|wreck|wrecking my|the car|truck on_purpose|deliberately|intentionally",
            "ways|way|how|methods|method|painless_way|easiest_way|quickest_way|best_way to die|end_it|end_my_life|kill_myself",
            "painless|quick|easy death",
        ),
    ),
    # --- wanting to die, and what stands for it
    Family(
        "want-to-die",
        Concern.SUICIDE,
        (
            "@INTENT ~1 @DIE",
            "@STRONG_INTENT ~1 @END_IT",
            "@THINK ~1 @DYING",
            "to|of|about|off|if_i_could|i_could|i_would|rather|just ~1 @DEATH_STATE",
            "too much|hard|painful to live|go_on|exist|keep_going|keep_living|be_alive|wake_up",
            "imagining|picturing|imagine|picture my own? funeral",
            "i|i_will|i_am_going_to|i_will_just|i_just end it|it_all|things|my_life $|tonight|today|now|shortly|for_good",
            "^ ending it|it_all|things|everything|my_life $|tonight|today|tomorrow|shortly|now|this_weekend",
            "i_am|i_am_just ending it|it_all|things|everything|my_life !(with|early|here|there|for_today)",
            "rope|hangrope|gun ready|tied|set_up|is_ready|prepared",
            "go|went|going away|leave forever|for_good|permanently $",
            "god|lord|jesus|universe ~3 take|takes|took|come_for|comes_for|call|calls me ~1 home|already|now|$|in_my_sleep|away|too",
            "welcome|welcoming|embrace|look_forward_to|looking_forward_to|long_for|longing_for|crave|craving ~1 death|dying|the_end|not_waking_up",
            "death|dying|not_waking_up|being_dead would|will|will_be|would_be ~1 be? ~1 a? relief|mercy|blessing|welcome|peaceful|easier|better|a_gift",
            "not|no_longer|never afraid|scared to_die|of_dying|of_death|of_dying_anymore @ANYMORE",
            "envious|jealous|envy ~5 die|dead|dying|died|who_died",
            "in case i am_gone|die|do_not_wake_up|am_not_here|do_not_make_it|am_not_around",
            "quit|quitting life|living|existing",
            "i should|could have died !(laughing|of|from_embarrassment|when_i_saw|lol)",
            "@WISH i had|would_have died|not_survived|not_made_it|not_woken_up|not_woke_up",
            "be put to sleep|down !(for|at|before|under|during)",
            "dying|death ~3 looking forward",
            "my affairs in order",
            "deal with my stuff|things|belongings after|when_i_am_gone|once_i_am_gone",
            "sleep and stay asleep $|forever",
            "no hope left|for_me|anymore",
            "want|need out of this|my|the life|body|existence|world|misery|pain_forever",
            "disappointed|upset|sad|angry|mad|annoyed ~2 i woke|wake up|up_again|still_alive|still_here|am_alive|am_still_alive",
            "disappointed|upset|sad|angry|mad|annoyed to wake|be up|alive|still_alive",
            "would_not|do_not mind|care if i ~3 died|die|got_hit|was_hit|was_killed|got_killed|did_not_wake_up|never_woke_up|got_sick_and_died|crashed",
            "if a|the ~1 car|bus|truck|train hit|hits|killed|kills me ~2 i would_not ~1 mind|care",
            "painless|peaceful|quick|easiest ways|way to go $",
            "how to keep_going|go_on|carry_on|keep_living|live|survive|cope|keep_fighting &(@ANYMORE|$|like)",
            "i have nothing left $",
            "nothing left for me",
            "standing|sitting|stood|sat|am on|at ~1 bridge|ledge|roof|rooftop|railing|tracks|balcony|edge !(of_the_bed|of_my_bed|of_the_pool|of_the_bath|of_my_seat)",
            "nobody|no_one cares|would_care|will_care if|whether i live|die|am_alive|exist|wake_up|make_it",
            "scars|cuts|wounds are|were fresh|bleeding",
            "sitting|sat|lying|standing here ~1 with a|the|my razor|blade|blades|rope|gun|hangrope|pills",
            "hope|wish|pray|praying|hoping ~3 i get|got|would_get|will_get hit|killed|run_over",
            "hope|wish|pray|praying|hoping this is|will_be my last night|day|breath|birthday|christmas|week",
            "want|ready|need|wish|wanting to go|be to? heaven|in_heaven now|tonight|today|shortly|already|$",
            "ready to meet my maker",
            "time for me to go|die|leave_this_world|leave_this_earth $",
            "is_not|this_is_not|that_is_not a life $",
            "this is not living|a_life $",
            "let|letting|allow|allowing ~1 lupus|the_lupus|this_disease|the_disease|my_illness|this_illness|it win|take_me|kill_me|finish_me",
            "better|happier|easier off ~5 without me",
            "close|near i_am? to ending|killing|doing_it|giving_up it|it_all|my_life|things|myself|$|up",
            "would|will come|show_up|attend|go|cry to|at? my funeral",
            "if i am|i_was gone|not_here|dead tomorrow|tonight|by_morning|shortly",
            "not think|not_sure i will|can|could make it through|to|past tonight|the_night|another_night|morning|tomorrow $",
            "not sure|do_not_know_if|do_not_know_whether i want to @LIVE_OBJ",
            "easier|easy|better|best|simpler|simple|nicer|kinder|happier|peaceful|peacefull off? ~3 to|if ~2 @DEATH_STATE|@END_IT|@GONE|die|disappear",
            "only way|answer|option|solution|escape|way_out ~6 is|would_be to? die|death|dying|suicide|end_it|kill_myself|not_be_here|not_exist|not_wake_up",
            "rather ~1 not wake_up|exist|be_alive|be_here|live|be_living|be_around",
            "never have to wake_up|breathe|exist|feel_anything|feel_this ~1 again|$|anymore",
            "done|tired|sick|exhausted ~1 trying to stay_alive|survive|live|keep_going|keep_living|be_alive|exist",
            "done|finished with? living|existing|being_alive|surviving &($|@ANYMORE|for|i|and)",
            "keep|can_not_stop|obsessing|obsessed thinking? about|over the|my|those|all_the|all_my @MEDS",
            "will_not|am_not_going_to ~3 @ANYMORE after tonight|today|this",
            "will_not bother|burden anyone|you|everyone @ANYMORE",
            "forget|forgot i|me ~1 existed|ever_existed|was_here|ever_lived|was_ever_born",
            "in|having a? ~1 crisis !(of_faith|at_work|with_my_insurance)",
            "mental health crisis|emergency",
            "feel|felt|feeling like @DYING_ACT",
            "at|reached the end of my rope|tether $",
            "how_much_longer|how_long ~4 hold_on|keep_going|go_on|do_this|take_this|last|survive|keep_living|stay_alive|keep_fighting",
            "end|ending @POSS|the|this? pain|suffering|misery for_good|forever|permanently|once_and_for_all",
            "not worth it @ANYMORE $",
            "my life is over $",
            "stop eating|drinking|taking_my_meds|taking_my_medication ~2 until|till|til i die|am_dead",
            "why can_not|could_not|will_not i ~1 die|disappear|not_exist|be_dead|stop_existing|just_die",
            "drink|drinking ~2 until|till|til i die|am_dead|pass_out_forever|do_not_wake_up|never_wake_up",
            "world|earth does_not|do_not|would_not|will_not need|want me",
            "do_not|never belong in_this_world|on_this_earth|in_the_world|alive|anywhere",
            "i_am a waste of oxygen|space|air|a_life|life",
            "end|ending my suffering|misery",
            "put myself|me out of my misery",
            "alt fa|f4 ~2 life|myself|irl|me",
            "jump|jumping|jumped off|from something|anything tall|high",
            "might_not|may_not|not|probably_not be here|around ~1 much_longer|for_long|for_much_longer",
            "saying|said|say|wrote|writing|write my? goodbye|goodbyes $",
            "do_not|can_not see ~1 future for_me|for_myself|$",
            "no future for me",
            "why am|do i ~1 alive|still_alive|still_here|exist|even_exist|keep_living|bother_living|bother_waking_up",
            "ready to let go $",
            "my|last|previous|first|second|recent suicide? attempt|attempts !(at|to)",
            "deserve to hurt|suffer|be_hurt|be_punished|feel_pain|pain|die",
            "^ die|dying|dead $",
            "^ i give up $",
            "giving|give|gave up on everything|life|living|myself $",
            "want|need out $",
            "just want|wish it to be over $",
            "^ end|kill me $",
            "just|please|someone|somebody|pls|plz end me",
            "done with everything|everyone|it_all &($|@ANYMORE|i)",
            "done|tired_of|sick_of fighting everything|everyone|anymore|for_my_life",
            "@STRONG_INTENT jump $",
            "drive|driving|drove|crash|crashing off|into ~1 bridge|cliff|wall|river|lake|oncoming|traffic|tree",
            "plan|planning|planned|thinking|thought|figuring|figured|figure|decide|decided|deciding|know|knowing about? how|when|where i ~1 would|will|could|should|can|am_going_to|might ~1 @END_IT|die|do_it",
            "@WISH ~3 that? i|she|he|they was|were|am|could_be|would_be|could_just_be dead|gone|not_alive|not_here|never_born|not_born|not_around !(@DEAD_IDIOM)",
            "@WISH ~6 that? i do|did|will|would not|never wake up|wake !(at|early|before|so|in|with|on|until|till)",
            "@WISH the|my surgery|operation|procedure|biopsy|anesthesia|anaesthesia goes|go|will_go|would_go wrong|badly",
            "@WISH the|my car|plane|bus ~1 would|will crash",
            "death|dying|being_dead|not_existing sounds|seems|feels|would_feel|looks nice|peaceful|good|better|like_a_relief|appealing|tempting|inviting|comforting|easier",
            "i_will_not|i_am_not_going_to|i_am_not be a? problem|burden|bother|nuisance ~1 much_longer|for_long|for_much_longer|anymore|shortly",
            "will_not|wont have to deal_with|worry_about|put_up_with|take_care_of|look_after me ~1 $|much_longer|shortly|anymore|for_long",
            "all i|i_can think|thought|dream|dreamt about is|was @DYING",
            "let|hope|hoping|wish|wishing|pray|praying|want ~3 kill|kills|finish|finishes|take|takes me ~1 $|already|shortly|off|out|away",
            "if i die|died|do_not_wake_up|never_woke_up|did_not_wake_up ~6 fine|okay|ok|good|relief|blessing|wouldnt_mind|would_not_mind|not_mind|happy|peaceful|better",
            "do|does|did not care if|whether i|she|he live|die|wake_up|make_it|survive|am_alive",
            "want|wish|need it|this|everything over $",
            "what is ~1 the point|use ~4 @ANYMORE",
            "@WISH i would|could|will|just|can|might|did ~1 @DIE",
            "@WISH i would|could|will|just|can|might|did ~1 drop_dead",
            "what i might|could|will|would|am_going_to do to myself",
            "@STRONG_INTENT|@THINK|scared_i_will|afraid_i_will do something ~1 to myself",
            "want|need|wish it|everything to end $",
            "goodbye|farewell text|texts|post|video|voicemail|email",
            "@WISH i had|would_have never|not been_born|existed|died",
            "@WISH i never existed|was_born",
            "@WISH i did_not|do_not|never|will_not|would_not|would_never ~1 exist|live|survive",
            "@WISH i die !(of_laughter|laughing)",
            "@WISH to die",
            "@WISH it was|were|would_be|could_be all over",
            "@WISH someone would ~1 kill|shoot me",
            "let me die",
            "just|please|someone|somebody|pls|plz kill me",
            "kill me now|already|please|pls|plz",
            "rather die|be_dead than ~3 go_back_to_the_hospital|go_back_to_hospital|go_to_the_hospital|do_dialysis|go_on_dialysis|do_chemo|be_admitted|be_hospitalized|have_another_flare|live|living|keep|continue|go_through|another|spend|suffer|feel|face|deal|be_like|be_sick|be_in_pain|live_like|do_this|wake|endure|have|be_a_burden|this|be_alive|exist|be_here",
            "rather die|be_dead !(than)",
            "better off dead",
            "want|wish|need|would_like it_all|everything|this_all|all_of_this|all_this|this_life|my_life|life to end|stop|be_over",
            "want|wish|need it|this|the_pain|everything|life to end|stop|be_over forever|for_good|permanently|once_and_for_all",
            "i am going to die tonight|today",
            "make it all stop",
            "i hope i die",
        ),
        negatable=True,
    ),
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
            "can_not|could_not|will_not ~1 @CANNOT_OBJ",
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
    Family(
        "better-off-without-me",
        Concern.SUICIDE,
        (
            "better|happier|easier off? without me|us",
            "better|happier|easier off? if i ~2 @GONE",
            "better|happier|easier off? with me gone|dead",
            "everyone|everybody|world|people|family|kids|they would|will|are|is ~1 be? ~1 better|happier|easier|fine off? without me|him|her|them",
            "better|happier|easier off? if he|she|they ~2 died|was_gone|were_gone|was_dead|were_dead|was_not_here|killed_himself|killed_herself",
            "no_one|nobody would|will ~1 miss|notice|care|mourn me !(at|in|for|today|tonight|this|on|if_i_do_not|at_the)",
            "no_one|nobody would|will ~1 miss|notice|care $",
            "no_one|nobody would|will ~1 miss|notice|care|mourn ~1 if|when i ~2 @GONE|die|died|disappeared|was_gone|left",
            "better off gone",
            "be|am happier|better|easier dead|gone !(@DEAD_IDIOM)",
            "better|happier|easier off? without someone|people|somebody|anyone like me",
            "not have to breathe|wake_up|exist|live|be_alive|be_here @ANYMORE|again|$",
            "making_it|living|surviving|being_alive|being_here|alive|be_alive|be_here past|to|until|through|till ~1 #MANY|next_year|another_year|christmas|my_birthday|this_year|the_end_of_the_year|much_longer",
            "do_not think i will be alive|here|around ~1 much_longer|for_long|long|next_year|by",
            "will_not|am_not_going_to be alive ~1 much_longer|for_long|for_much_longer|by|next_year",
            "favor|favour ~2 if i ~2 @GONE|died|die|disappeared|killed_myself",
            "be better|easier for everyone|everybody|them|my_family|my_kids|my_husband|my_wife|my_partner ~2 if i ~2 @GONE|disappeared|died",
            "i_am|i_feel_like|i_feel_like_i_am just? a burden ~3 better|without_me|gone|dead|die",
        ),
    ),
    Family(
        "goodbye-or-plan",
        Concern.SUICIDE,
        (
            "goodbye|farewell|suicide letter|letters|note|notes !(to_my_teacher|from|for_work|to_the_landlord|to_my_old)",
            "wrote|writing|written|write my ~1 goodbyes",
            "wrote|writing|written|write|recorded|recording|left my goodbye|goodbyes|last_words !(card|to_my_coworker|to_my_old|for_the_team|speech)",
            "this_is|consider_this ~1 goodbye|my_goodbye|my_last_message|my_final_message|the_end_for_me !(for|today|tonight|of_the|before|until|till|in|on|about)",
            "saying|said|say|said_my goodbye|goodbyes to|before everyone|everybody|you_all|all_of_you|the_world|this_world",
            "giving|gave|give|given away my|all_my ~1 stuff|things|belongings|possessions",
            "giving|gave|give|given my|all_my ~1 stuff|things|belongings|possessions away",
            "will_not|am_not_going_to be here|around ~1 much_longer|for_long|for_much_longer|anymore|after_tonight|by_morning",
            "last time you|anyone|anybody will? ~1 hear|see from? me",
            "you will not|never hear|see from? me again",
            "my last|final day|night on|in earth|this_earth|this_world",
            "made up my mind &(~4+die|end|kill|gone|done|tonight)",
            "have|got|made|wrote|written a plan ~2 to|for|how ~2 die|end|kill|overdose|odx|jump|hang",
            "@MEDS counted|counted_up|sorted_out",
            "not|will_not|am_not_going_to|wont make it much_longer|for_long|long|another_year|another_week|another_month",
            "ready to stop fighting|give_up|let_go",
            "stop fighting and ~1 go|die|let_go",
            "time i|to end|ended it|things|it_all|my_life|everything",
            "i attempted|i_have_attempted|i_tried_to_kill_myself again|last_night|yesterday|before|twice|$",
            "wrote|written|writing|left a note ~3 ready|goodbye|sorry|done|gone",
            "decided ~3 tonight|today is the night|day",
            "tell|let my family|kids|husband|wife|mom|mum|dad|parents|children|daughter|son ~1 i_am_sorry|i_love_them|goodbye|i_am_gone|i_tried",
            "go|fade|going|fading black|dark|to_black forever",
            "act on the|these|those|my thoughts|urges|impulses|feelings",
            "scared|afraid|worried|terrified ~4 do something ~1 $|tonight|today|bad|drastic|dangerous|i_will_regret|to_myself",
            "can_not promise i will|can|would be|stay|keep_myself safe",
            "not sure i|if_i can|will|could stay|be|keep_myself safe",
            "do_not know if i can|will|could stay|be|keep_myself safe",
            "wrote|written|left|leaving|writing a note|letter for|to ~1 family|kids|husband|wife|partner|mom|mum|parents|everyone|children|daughter|son $",
            "what if i ~2 did_not_wake_up|never_woke_up|died|was_gone|were_gone|disappeared|was_not_here|killed_myself|just_ended_it|ended_it|did_not_exist",
            "dark|suicidal|bad|scary thoughts &(again|$|lately|are_back|are_getting|won_not|about_dying|about_death|about_ending)",
            "dark place",
            "passive|active si|ideation",
            "si thoughts|urges|again|is_bad|is_back|is_getting",
            "@STRONG_INTENT|might|may|afraid_i|scared_i|worried_i|afraid_i_will|scared_i_will|worried_i_will|afraid_i_might|scared_i_might ~1 do something stupid|drastic|dumb|i_will_regret",
            "do not|can_not trust myself ~2 $|tonight|right_now|alone|around|with|anymore",
            "do not feel safe with|around myself",
            "not safe with|around|from myself",
            "i_am|i_feel not safe $|right_now|tonight|at_the_moment|anymore|with_myself|around_myself",
            "something i can_not|could_not|will_not_be_able_to take back|undo",
            "waiting to die|for_death|for_it_to_end|for_the_end|for_my_death|for_lupus_to_kill_me !(@DET?+~1+@HAIR)",
        ),
    ),
    Family(
        "goodbye-from-someone",
        Concern.SUICIDE,
        ("texted|sent|messaged|called|told me|us goodbye|a_goodbye|goodbyes",),
        person="other",
    ),
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
            "relapse|relapsed|relapsing on|into|with sh|self_harm|cutting",
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
        "self-harm-on-purpose",
        Concern.SELF_HARM,
        (
            "@HURT|@CUT|@BURN|hit|bang|banged|banging @REFL|my_body|my_head|my_arms|my_skin ~5 @ON_PURPOSE",
            "@ON_PURPOSE @HURT|@CUT|@BURN ~1 @REFL",
            "pull|pulling|pulled out my hair ~3 @ON_PURPOSE|to_feel|until",
            "head|fist|fists into|against the? wall ~3 @ON_PURPOSE|until|til|till|to_feel",
            "bang|banging|banged|hit|hitting my head on|against|into the|a? wall|walls|floor ~2 when|until|till|to_feel|on_purpose|again",
            "@HURT|@CUT|@BURN|hit|bang my|her|his ~1 @BODY|hand|hands|finger|fingers|head|wrist ~3 @ON_PURPOSE",
        ),
    ),
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
            "@MEDS ~3 next_to_me|in_front_of_me|beside_me|in_my_hand|in_my_hands|lined_up|counted_out",
            "@TOOK_PAST @TOO_MANY on_purpose",
            "@TOOK_PAST ~3 @MEDS ~3 @ON_PURPOSE|at_once|all_at_once|in_one_go",
            "mix|mixed|mixing @ALL_OF my? ~1 @MEDS with|and alcohol|vodka|wine|whiskey|booze|liquor|beer",
            "@TOOK_PAST|take|swallow|drank|down|downing|chug|chugging ~1 a|an|the whole|entire? bottle|box|pack|packet|strip|container|jar|blister ~1 of ~2 @MEDS",
            "@TOOK_PAST|swallowed the|a whole|entire bottle $",
            "@TOOK_PAST ~1 #MANY|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen|dozens ~2 @MEDS",
            "@TOOK|take every|each pill|pills|tablet|tablets|med|meds ~2 in|i_have|i_own|we_have|left",
        ),
        veto=_TOOK_ALL_VETO,
    ),
    Family(
        "overdose-words",
        Concern.OVERDOSE,
        (
            "overdose|overdosing|overdosed|overdoses|overdosis",
            "@STRONG_INTENT|@THINK|i|just|almost|nearly|i_have odx !(daily|once|a_day|at|in|twice|with)",
            "odx $",
            "die|dead|kill_me from|of|if taking|i_take|i_took|overdosing_on too_much|too_many|all_my|a_lot_of|a_bunch_of ~1 @MEDS?",
            "lethal|fatal|deadly|killing dose|doses|amount|quantity|number !(of_caffeine|of_coffee|of_water|of_sugar|of_chocolate|of_sun|of_sunlight|of_radiation|of_vitamin|of_salt|of_alcohol_for)",
            "passed_out|unconscious|unresponsive|not_responding|will_not_wake_up|not_waking_up ~5 @MEDS|empty_bottle|empty_bottles|pill_bottles",
            "@TOOK_PAST|swallowed ~2 days|weeks|week|month|months worth|supply of? ~2 @MEDS",
            "@MEDS ready|lined_up|counted_out|laid_out|in_front_of_me",
            "enough ~1 @MEDS ~3 to_die|to_do_it|to_end|to_kill|to_never|to_not_wake|saved|stashed|hidden|hoarded|stockpiled|for_when",
            "@MEDS saved|stashed|hidden|hoarded|stockpiled|set_aside|put_aside ~2 for_when|in_case|just_in_case|to_do_it|to_end|to_die|until_i_am_ready|for_the_day_i|for_the_end|for_later",
            "how many|much ~4 @MEDS ~3 would_it_take|it_would_take|would_kill|will_kill|to_kill|to_die|to_overdose|to_odx|is_lethal|is_fatal|would_be_lethal|would_be_enough|is_enough_to",
            "how many|much ~1 @MEDS ~5 die|kill|lethal|fatal|overdose|odx|not_wake_up|never_wake_up|end_it|to_end|dead",
        ),
    ),
    Family(
        "overdose-saving",
        Concern.OVERDOSE,
        (
            "saving|saving_up|saved|saved_up|stockpiling|stockpile|stockpiled|hoarding|hoard|hoarded|stashing|stashed|collecting|collected ~3 @MEDS",
        ),
        veto=words(
            "organizer organiser weekly pillbox box trip travel travelling traveling vacation holiday refill "
            "pharmacy insurance money cost costs cheaper expire expired expiry fridge shortage shortages "
            "sunday week flare flares emergency emergencies breakthrough okay ok safe allowed days"
        ),
    ),
    # --- Spanish
    Family(
        "es-suicidio",
        Concern.SUICIDE,
        (
            "@QUIERO_ES ~1 @MORIR_ES",
            "me quiero|queria|dan_ganas_de morir|matar|suicidar",
            "me voy a matar|suicidar|quitar_la_vida",
            "me quiero|voy_a|queria ir de este mundo",
            "me canse|harte de vivir|la_vida|existir|luchar",
            "tirar|tirarme|aventar|aventarme|lanzarme|lanzar ~1 del|de_un|de_una|de_la|desde_el|desde_un puente|edificio|balcon|techo|azotea|ventana",
            "voy a matarme|suicidarme|quitarme_la_vida",
            "suicidio|suicida|suicidarme|suicidar|suicidarse|suicidandome",
            "quiero acabar|terminar con todo|mi_vida",
            "pensamientos|ideas de muerte|morir|matarme|suicidio|quitarme_la_vida",
            "quiero|quisiera que se acabe|termine todo|mi_vida",
            "no quiero|deseo seguir sufriendo|viviendo|asi",
            "no quiero|deseo ~1 vivir|seguir_viviendo|estar_aqui|existir|despertar|estar_viva|estar_vivo !(en|con|cerca|alli|aqui|solo|sola|lejos|asi_de)",
            "no quiero|deseo seguir &($|asi|adelante|mas|viviendo)",
            "ya no ~1 quiero|aguanto|soporto|puedo ~1 vivir|existir|despertar",
            "ya no ~1 quiero|aguanto|soporto|puedo ~1 seguir !(con|en|el|la|los|las|tomando|yendo|trabajando|estudiando|haciendo)",
            "dormir|dormirme ~1 y no despertar|volver_a_despertar",
            "que todo|mi_vida|esta_vida se acabe|termine|acabe_ya|termine_ya",
            "mejor|preferible no despertar|morir|morirme|estar_muerta|estar_muerto|desaparecer|no_existir|no_estar_aqui",
            "no despertar nunca|jamas mas?",
            "ya no puedo|aguanto|soporto mas !(con|de+~1+calor|frio|trafico|trabajo|tarea|tareas|ruido|lluvia|gente|examen|examenes|clases|casa|limpieza|sueno|hambre|cansancio)",
            "no puedo|aguanto|soporto mas $",
            "no puedo|aguanto|soporto mas con la_vida|mi_vida|esto|todo|nada|vivir",
            "no puedo|aguanto|soporto mas ~1 vida|esta_vida|mi_vida|vivir",
            "ojala me muera|muriera|me_muriera|no_despierte|no_despertar|no_despertara|estuviera_muerta|estuviera_muerto|no_existiera|no_hubiera_nacido|desapareciera",
            "ojala ~1 no despertar|despierte|despertara|existir|existiera|hubiera_nacido",
            "mejor muerta|muerto",
            "estarian|estaria|seria|serian mejor sin mi",
            "no vale|valdria la pena vivir|seguir",
            "no le veo|encuentro ~1 sentido|razon a|para|de ~1 vivir|vida|nada|seguir",
            "no tiene|tengo sentido|razon|razones ~2 vivir|seguir",
            "vida no tiene|tiene_ningun sentido",
            "no tengo|hay|encuentro|veo razones|razon|motivos|motivo|nada|sentido para|por|de ~1 vivir|seguir|seguir_viviendo",
            "no tengo|tengo_pocas ganas de vivir|seguir|existir",
            "mejor me muero|mato|muera|mataria",
            "cansada|cansado|harta|harto|agotada|agotado de vivir|la_vida|existir|estar_viva|estar_vivo !(en|con|cerca|alli|aqui|asi_de)",
            "quitarme|quitare la vida",
            "carta de despedida",
        ),
        language="es",
        negatable=True,
    ),
    Family(
        "es-otra-persona",
        Concern.SUICIDE,
        (
            "quiere|queria|quiera|va_a|piensa_en|penso_en ~1 morir|morirse|matarse|suicidarse|quitarse_la_vida",
            "se quiere|queria|va_a|piensa matar|morir|suicidar|quitar_la_vida",
            "intento|intentado suicidarse|matarse|quitarse_la_vida",
            "se corta|cortaba|esta_cortando|lastima|hace_dano|esta_haciendo_dano|esta_lastimando !(@ES_BENIGN_CUT)",
            "se tomo|trago todas|un_frasco ~2 @PILLS_ES",
            "se_tomo|se_trago|trago demasiadas|muchas|todas_sus|un_frasco|un_monton_de ~1 @PILLS_ES",
            "no quiere vivir|seguir|existir",
        ),
        language="es",
        person="other",
    ),
    Family(
        "es-autolesion",
        Concern.SELF_HARM,
        (
            "me corto|corte|estoy_cortando|he_cortado|sigo_cortando|volvi_a_cortar|quemo|queme|he_quemado|lastimo|lastime|hago_dano|hice_dano|golpeo !(el|la|los|las|un|una|con_el|con_la|el_dedo|cocinando|sin)",
            "me corto|corte|he_cortado|quemo|queme|lastimo|lastime ~4 a_proposito|adrede|otra_vez|de_nuevo|los_brazos|las_piernas|las_munecas|la_piel",
            "cortarme|quemarme|lastimarme|autolesionarme|golpearme !(el|la|los|las|un|una|con_el|con_la)",
            "hacerme|haciendome|haciendo_me dano",
            "me quiero|voy_a|queria cortar|lastimar|quemar|hacer_dano !(el|la|los|las|un|una|con)",
            "me hice|hago|he_hecho|estoy_haciendo cortes|heridas|quemaduras",
            "cortes|heridas|quemaduras en los|mis brazos|piernas|munecas",
            "me estoy|sigo|vuelvo_a haciendo|hacer dano",
            "autolesion|autolesiones|autolesionarme|autolesionando",
            "cortandome|quemandome",
        ),
        language="es",
        negatable=True,
        veto=ACCIDENT | EXERCISE,
    ),
    Family(
        "es-sobredosis",
        Concern.OVERDOSE,
        (
            "sobredosis",
            "@TOOK|tome|trague|tomar|tragar|tomarme|tragarme|me_tome|me_trague ~2 todas|todos ~2 @PILLS_ES",
            "@TOOK|tome|trague|me_tome|me_trague ~1 un|una frasco|caja|bote|blister entero|entera? de ~1 @PILLS_ES",
            "guardando|juntando|acumulando ~1 @PILLS_ES",
            "tome|trague|me_tome|me_trague #MANY @PILLS_ES",
            "cuantas @PILLS_ES ~4 morir|matar|muerte|no_despertar",
        ),
        language="es",
    ),
)

# Hurt during exercise: the It-hurts help, not the crisis card.
EXERCISE_HURT_WORDS = INJURY
