"""Words that guard crisis matches: negation, everyday context, who a match is about, language hints."""

from __future__ import annotations

from bot.crisis.family import words

NEGATORS = words("not never no nunca cannot")
# Words that may sit between a negator and the matched phrase: "I do not really want to die".
NEGATION_BRIDGE = words(
    "i you do does did really even ever actually honestly am would will just want to going "
    "estoy pensando en quiero voy a"
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
    "twisted ouch ow tore torn lastime lastimado lastimada lesione duele dolio torci "
    # how the hurt is told: "my knee swelled up after the stretch", "a pop in my hip", "calves cramped"
    "sore soreness swell swelled swollen swelling throb throbs throbbing throbbed pain painful ache aches "
    "aching ached stiff stiffness pop popped popping cramp cramped cramps cramping spasm spasms twinge "
    "twinges twinging twinged click clicks clicking burns bruised killing rolled dolor hinchada hinchado"
)
# Exercises named in the It-hurts check only (not in the self-harm guard): "did the neck rolls".
EXERCISE_NAMES = words(
    "rolls tilts lifts tucks slides opener openers pushups push ups laps grip dog touch holds app"
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
