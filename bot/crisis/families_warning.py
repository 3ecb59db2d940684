"""Phrase families: the warning signs suicide-prevention sources name (English and Spanish).

The C-SSRS asks about a wish to be dead, active thoughts, method, intent, plan and preparatory
behaviour; the 988 / AFSP warning signs add looking for a way (searching online, getting means),
talking about being a burden, giving possessions away, saying goodbye, putting affairs in order,
stopping needed medicine in order to die, rehoming pets and writing a note. These families cover
the wordings of those signs that the other families did not hear:

- **method research**: the most painless way to go, how long to bleed out, the highest bridge
  near me, how high to jump to make sure, walking into traffic or the sea;
- **means kept with intent**: a hose for the exhaust, a rope kept in a closet "just in case";
- **preparation and farewell**: the note is written, letters to the kids are in the drawer,
  goodbyes said, the cat rehomed before I go, affairs in order and ready, "bye forever",
  appointments cancelled because they will not be needed;
- **passive death wish**: wishing for an illness so as to die, fantasising about one's own
  death, hoping a car hits me, wishing lupus would finish me off;
- **stopping medicine to die**: only with the intent ("so it kills me", "let the lupus do the
  rest", "hoping my kidneys give out"); stopping meds for side effects is everyday talk;
- **burden and replacement**: better off with someone else raising them, replace me;
- **Spanish**: the same signs, and overdose wording (me tragué todo el frasco, dosis letal).

Patterns use the small language of :mod:`bot.crisis.patterns` over the canonical tokens of
:mod:`bot.crisis.normalize`. To add a phrase family, see docs/crisis-detector.md.
"""

from __future__ import annotations

from bot.crisis.concern import Concern
from bot.crisis.family import Family, words

_DIE_TARGET = (
    "die|dying|death|end_it|end_things|end_my_life|end_it_all|kill_myself|commit_suicide|unalive_myself"
)
_PLACE_HIGH = (
    "bridge|bridges|building|buildings|cliff|cliffs|tower|overpass|parking_garage|car_park|rooftop|roof"
)
_NEAR_ME = "near|around|close_to|by ~1 me|here|my_house|my_place|my_flat|my_apartment|where_i_live"
_PETS = "cat|cats|dog|dogs|pets|pet|kitty|kitten|puppy|bird|birds|rabbit|bunny|hamster|parrot"
_LOVED = (
    "kids|children|grandchildren|grandkids|family|husband|wife|partner|parents|son|daughter|sons|daughters|"
    "loved_ones|girls|boys|mom|mum|dad|sister|brother"
)
_ILLNESS_END = (
    "die|i_would_die|i_could_die|i_will_die|it_would_end|it_would_be_over|it_would_all_end|it_ends|i_can_go"
)

# Everyday reasons that make a preparation ordinary ("rehomed the cat because my son is allergic").
_PREPARATION_VETO = words(
    "moving move moved allergic allergy allergies landlord downsizing downsize decluttering declutter outgrown "
    "retiring retired retire wedding vacation holiday trip work job office shift boss team colleague"
)

WARNING_FAMILIES: tuple[Family, ...] = (
    Family(
        "warning-method-research",
        Concern.SUICIDE,
        (
            "most|least|quickest|fastest|easiest|surest|simplest|best|most_easy ~1 painless|painful|peaceful|quick|"
            "easy|reliable|sure|certain? way|ways|method|methods to|for|of ~1 " + _DIE_TARGET,
            "most|least|quickest|fastest|easiest|surest|simplest ~1 painless|painful|peaceful|quick|easy? way|ways to go $",
            "highest|tallest " + _PLACE_HIGH + " ~4 " + _NEAR_ME,
            "how high|far|tall|many_floors|many_stories ~6 jump|fall ~4 to_make_sure|to_be_sure|to_die|to_not_survive|"
            "and_die|die|kill_you|kill_me|fatal|lethal|not_survive|without_surviving",
            "what height ~6 jump|fall ~4 make_sure|to_be_sure|die|kill|fatal|lethal|not_survive",
            "how long|fast|quickly ~6 bleed|bleeding out|to_death",
            "how long|fast|quickly ~6 die|dying|death from|of blood_loss|bleeding|hanging|drowning|carbon_monoxide|"
            "the_exhaust|suffocation",
            "way|ways to go|die that|which ~1 does_not|do_not|will_not|would_not|is_not|is hurt|painful|painless",
            "way|ways to go|die without pain|hurting|it_hurting|suffering|feeling_it",
            "how many stories|storeys|floors ~6 fall|jump|drop",
            "how high|tall is the|that parking_garage|car_park|bridge|overpass|cliff|multistory|multi_storey",
            "@THINK|@INTENT ~2 go|going|walk|walking|wade|wading|swim|swimming into|out_into @DET? sea|ocean|river|lake|"
            "water|waves !(for|with|to|on)",
            "rope|ropes|hose ~8 not|never ~2 for? climbing|camping|the_swing|a_swing|the_garden|gardening|the_boat|sailing",
            "quicker|faster|less_painful|more_painful|easier|more_reliable|surer|painless|better ~3 pills|jumping|hanging|"
            "drowning|the_train|a_train|a_gun|the_gun|the_bridge|cutting|the_rope|a_rope|an_overdose or ~1 pills|jumping|"
            "hanging|drowning|train|gun|bridge|cutting|rope|overdose|the_train|a_train|the_gun|a_gun|the_bridge|the_rope",
            "survive|survives|surviving ~2 a? fall|jump|drop from ~3 floor|storey|story|bridge|building|roof|balcony|cliff",
            "water|river|lake|sea|ocean ~8 so|and|that you|i do_not|never|would_not|can_not come out|come_back|"
            "wake_up|survive|get_out",
            "bridge|tracks|roof|rooftop|platform|cliff|overpass|car_park|parking_garage ~8 what_time|when|at_what_time ~3 "
            "empty|deserted|quiet|nobody|no_one",
            "picked|chosen|chose|found|decided_on which|the tree|bridge|beam|building|spot|ledge|overpass $|already",
            _PLACE_HIGH
            + " ~6 no|without|do_not_have|does_not_have|have_no|has_no fence|fences|railing|railings|"
            "barrier|barriers|nets|net",
            "how deep ~6 cut|slit ~4 bleed_out|die|to_death|an_artery|the_artery|to_be_fatal",
            "does|would|will|is drowning|hanging|bleeding_out|jumping|suffocating|overdosing|gassing hurt|painful|"
            "painless|quick|fast|peaceful",
            "looking|looked|look|researching|researched|reading|read|googling|googled|searching|searched|been_looking ~1 up? "
            "methods|suicide_methods|ways_to_go $|again|online|for_weeks|for_days|for_months|all_night|every_night|lately",
            "@INTENT|@THINK|could_just|might_just ~2 walk|walking|step|stepping|run|running into|in_front_of ~1 traffic|"
            "oncoming|the_road|the_motorway|the_highway|a_bus|a_truck|a_train",
        ),
    ),
    Family(
        "warning-lethal-amount",
        Concern.OVERDOSE,
        (
            "how_much|how_many|what_amount|what_dose ~5 @MEDS ~5 stop|stops|shut|shuts|kill|kills|destroy|destroys|fry|"
            "fail ~1 down? my|the|your? liver|heart|kidneys|breathing",
            "@MEDS ~6 before|until|till ~2 stop|stops breathing|beating",
            "@THINK|thinking_to|thought_to|think_to|going_to|plan_to|planning_to ~2 take|swallow|down all|every ~1 "
            "the|my? @MEDS ~4 at_once|together|in_one_go|tonight|this_weekend|tomorrow|$",
            "putting|setting|squirreling|squirrelling|tucking aside ~6 @MEDS",
            "squirreling|squirrelling|stockpiling|stockpiled|hoarding|hoarded|stashing ~4 @MEDS",
        ),
        veto=words(
            "organizer organiser pharmacy trip travel vacation holiday kids children reach morning breakfast lunch "
            "dinner routine schedule daily"
        ),
    ),
    Family(
        "warning-means-kept",
        Concern.SUICIDE,
        (
            "hose|hoses|pipe|tube ~4 exhaust|tailpipe|tail_pipe",
            "exhaust|tailpipe ~4 hose|pipe|tube",
            "rope|noose|gun|pills|blades|razor|razors|knife ~6 closet|drawer|garage|wardrobe|bag|nightstand|car|mattress|"
            "pillow|bed ~6 "
            "know_what_it_is_for|know_what_they_are_for|just_in_case|for_when|for_the_day|when_i_am_ready|for_when_i_am_ready|"
            "when_the_time_comes|in_case_i_need",
        ),
        veto=words("swing garden gardening climbing camping boat tent hunting range"),
    ),
    Family(
        "warning-preparation",
        Concern.SUICIDE,
        (
            "wrote|written|finished|left|writing|write my|the note|notes $|it_is_on|on_the_table|on_the_bed|"
            "for_them|already|done|is_written|is_done|is_ready",
            "my note is written|done|ready|finished|on_the",
            "wrote|written|finished|finishing|writing|left|sealed @DET? ~1 letters|letter to|for "
            "@DET|each_of_my|all_my|both_my|all_of_my|each_of_the? ~1 "
            + _LOVED
            + " ~8 drawer|desk|table|envelope|"
            "safe|to_read_after|to_open|after|for_after|when|they_are_in|it_is_in|ready|sealed|to_find",
            "said|say|saying|have_said|already_said|i_said my goodbyes $|today|already|now|tonight|to_everyone|"
            "to_everybody|to_all|to_the_people_i_love|to_my_family|quietly|in_my_head",
            "found|finding|find|rehomed|rehoming|rehome|gave|giving|give|gave_away|giving_away @DET? ~1 "
            + _PETS
            + " ~1 a? ~1 new home|homes|owner|owners|family ~4 before|for_when|when|after|so i ~1 go|leave|am_gone|die|"
            "am_not_here|will_not_be_here|do_it",
            "found|finding|find|rehomed|rehoming|rehome @DET? ~1 "
            + _PETS
            + " ~6 before i go|leave|die|do_it|am_gone",
            "@POSS affairs|things|papers|paperwork|will are|is|were in? order ~8 ready|time|goodbye|go|leave|i_can|it_is_time",
            "bye|goodbye|godbye|farewell forever|for_ever|for_good|permanently !(to|from|with|flare|lupus|pred)",
            "@DET? letters|letter|notes|note to|for @DET ~1 "
            + _LOVED
            + " are|is ~2 sealed|written|done|ready|"
            "finished|in_the",
            "made|make|making my peace ~4 said|saying|say goodbye|goodbyes",
            "said|say|saying goodbye|goodbyes to ~1 the? people|everyone|everybody|those who|that|i matter|love|care",
            "take|keep|have|look_after @DET ~1 "
            + _PETS
            + " for good|forever|permanently ~8 it_is_time|before_i|"
            "when_i_am_gone|i_will_not_be|i_am_ready|for_when|after_i",
            "@POSS? will|affairs|papers|paperwork|everything is|are done|ready|signed|sorted|in_order ~10 "
            "pick|choose|set|chosen|picked the|a day|date|time",
            "bye|goodbye|farewell guys|everyone|all|everybody|friends|world|y_all forever|for_good|for_ever "
            "!(grateful|thankful|love|in_my_heart|young)",
            "writing|wrote|written|write to each|every_one of my ~1 "
            + _LOVED
            + " !(teacher|teachers|school|about)",
            "paid_off|paid|settled|sorted|cleared ~6 so|and ~4 will_not|would_not|does_not|do_not|never have to ~3 "
            "after|afterwards|when_i_am_gone|once_i_am_gone !(work|school|that|this|the|my|surgery|dinner|lunch|i|we|they|it|he|she)",
            "have|got|made a plan now $",
            "wrote|written|writing|left|recorded a goodbye|farewell to|for ~1 "
            + _LOVED
            + "|everyone|everybody",
            "because|since|as|cos i will_not|am_not_going_to|would_not be here|around $|for_it|for_christmas|for_that|"
            "next_year|next_month|to_see",
            "see you all|guys|everyone? on the other side $",
            "prepare|prepared|preparing everything|all ~6 the? letter|letters|note|notes|goodbye|goodbyes",
            "cancelled|canceled|cancelling|canceling|cancel ~3 appointments|appointment|infusions|infusion|treatment|"
            "refills|prescriptions|therapy ~6 will_not|not_going_to|do_not need|be_needing them|it|those $|@ANYMORE|"
            "where|after|soon",
            "gave|give|giving|given ~3 my|all_my ~3 jewelry|jewellery|things|stuff|belongings|possessions|rings|"
            "clothes|books|guitar|car|savings|ring|watch|necklace ~8 will_not|not_going_to|do_not|no_longer need|be_needing ~1 "
            "it|them $|@ANYMORE|"
            "where|soon|much_longer|after",
        ),
        veto=_PREPARATION_VETO,
    ),
    Family(
        "warning-death-wish",
        Concern.SUICIDE,
        (
            "@WISH ~3 had|get|got|would_get|could_get|catch ~2 cancer|something_terminal|terminal|a_heart_attack|a_stroke|"
            "an_accident|a_tumor|a_tumour|covid|sepsis ~3 so|and|then ~1 " + _ILLNESS_END,
            "fantasize|fantasise|fantasizing|fantasising|daydream|daydreaming|daydreams|fantasies|dream|dreaming ~1 "
            "about|of my? own? death|dying|funeral|being_dead|not_existing|not_waking_up|suicide|ending_it",
            "@WISH ~3 car|truck|bus|train|lorry|someone|something ~1 hits|hit|kills|kill|runs_over|run_over|would_hit|"
            "would_kill|will_hit|will_kill me",
            "@WISH ~4 lupus|flare|disease|illness|kidneys|cancer|sle|it|this|god ~3 finish|finishes|finished me off",
            "@WISH ~4 lupus|flare|disease|illness|kidneys|sle|god ~3 take|takes|kill|kills me $|already|now|soon|away|"
            "in_my_sleep|for_good",
            "@WISH i had|would|would_have never woken|woke|survived",
            "imagine|imagining|picture|picturing|daydream|daydreaming|think_about ~3 my heart|breathing ~1 just? "
            "stopping|stop|stops|giving_out",
            "if|when ~3 lupus|flare|disease|illness|it|this|sle|kidneys ~1 kills|kill|takes|take|finishes me ~4 relieved|"
            "glad|grateful|happy|at_peace|relief|mercy|blessing",
            "if|when|once i ~1 was_not|were_not|am_not|was_no_longer ~1 around|here|alive ~6 could|would|will|can "
            "finally|at_last ~1 rest|relax|breathe|be_happy|be_free|live|move_on|sleep",
        ),
        negatable=True,
    ),
    Family(
        "warning-stop-meds",
        Concern.SUICIDE,
        (
            "stop|stopped|stopping|quit|quitting|not_taking|skipping|skipped|off ~4 @MEDS|medication|treatment|dialysis|"
            "treatments ~8 let|want|wanting|hoping|hope|so|until|and ~4 lupus|flare|disease|it|kidneys|body|heart|organs|"
            "sle|illness ~2 take|takes|kill|kills|do_the_rest|give_out|gives_out|fail|fails|shut_down|win|wins|finish",
            "let|letting the? lupus|it|my_body|the_disease|my_kidneys|nature finish|do what it started|the_job|me_off",
            "stopped|stopping|quit|quitting ~1 my? ~4 @MEDS|medication|treatment|dialysis|meds ~3 @ON_PURPOSE",
            "stop|stopped|stopping|quit|quitting ~4 @MEDS|medication|treatment|dialysis ~4 so|to|and|until ~3 it|this|"
            "lupus|flare ~1 kills|kill|takes|take me",
            "skipping|skipped|skip|missing|missed dialysis|infusions|treatment|treatments ~8 keep_skipping|keep_missing|"
            "on_purpose|not_going_back|stop_going|for_good",
            "hoping|hope|pray|praying|want|wanting my? kidneys|heart|body|organs|lungs give_out|fail|shut_down|give_up|"
            "stop_working $|soon|already|for_good|and_take_me",
            "waiting|wait for my? body|kidneys|heart|lupus|organs|flare to quit|give_out|fail|stop|shut_down|give_up|"
            "take_me|finish_me",
            "stop|stopped|stopping|quit|quitting|not_taking|not_refill|not_refilling|not_going_to_refill ~4 @MEDS ~8 "
            "let_it_happen|let_nature_take_its_course|let_nature|let_it_take_me|let_it_end|letting_nature",
            "if my? kidneys|heart|body|organs|liver fail|fails|give_out|stop|stops|quit ~2 good|fine|so_be_it|whatever|"
            "i_do_not_care|let_them|let_it",
            "stopped|stopping|quit|skipping|not_taking ~4 @MEDS|medication ~3 on_purpose|deliberately|intentionally ~6 "
            "let|so|hoping|want|rest|end|over",
        ),
    ),
    Family(
        "warning-burden-replaced",
        Concern.SUICIDE,
        (
            "better|happier|easier off? with someone|somebody else|new|different|healthier|healthy ~4 raising|as_their|"
            "looking_after|taking_care|in_my_place|instead_of_me|instead",
            "would|could|will have a real|proper|healthy|normal mother|mom|mum|wife|husband|dad|parent",
            "better|happier|easier life|childhood|future ~6 raising|raise|as_their_mom|as_her_mom|as_his_mom|"
            "instead_of_me|without_me",
            "better|happier|easier off? with someone|somebody else !(for|at|on|to|doing|helping|driving|today|tonight)",
            "they|he|she|family|kids|husband|wife|partner|everyone could|should|would|can ~1 replace me with|"
            "and_move_on|and_be_happy",
        ),
        person="self",
        veto=_PREPARATION_VETO | words("nurse doctor appointment carpool ride driving"),
    ),
)

SPANISH_WARNING_FAMILIES: tuple[Family, ...] = (
    Family(
        "es-senales",
        Concern.SUICIDE,
        (
            "forma|manera|modo menos_dolorosa|menos_doloroso|mas_facil|mas_rapida|mas_rapido|mas_segura ~2 de|para ~1 "
            "morir|morirme|matarme|suicidarme|irme|acabar|irse|morirse|matarse",
            "puente|edificio|torre|acantilado mas alto|alta ~3 cerca|por_aqui|de_aqui",
            "meterme|entrar|caminar|adentrarme ~2 mar|rio|oceano|lago ~4 no volver|no_salir|hundirme",
            "carta|cartas|nota|notas de despedida|adios",
            "me despedi|despido|he_despedido|estoy_despidiendo ~1 de todos|todo_el_mundo|todas|ustedes|mis_seres",
            "esto|este|esta es|sera ~1 un? adios|mi_despedida|la_despedida $|para_siempre",
            "adios|hasta_nunca para siempre",
            "regale|regalando|regalo|regalado|regalar ~3 mis cosas|ropa|joyas|libros|pertenencias ~8 no ~3 necesitar|necesito|necesitare",
            "nuevo hogar ~4 antes de irme|morirme|que_me_vaya|matarme",
            "todo en orden ~8 lista|listo para irme|partir|despedirme|morir",
            "deje|dejar|dejo|dejando de tomar ~3 medicamentos|medicinas|pastillas|tratamiento|pildoras ~4 para|y|hasta "
            "morir|morirme|que_me_mate|acabar|que_se_acabe",
            "ojala|quisiera|deseo ~3 cancer|algo_terminal|un_infarto|un_accidente ~3 para|y morirme|morir|que_se_acabe",
            "soy una carga !(~6+a_veces|aveces|algunos_dias|de_vez_en_cuando|por_momentos) $|para|a|en",
            "tengo|guardo|guarde|escondi|compre|consegui ~2 una? cuerda|soga|pistola|arma ~4 guardada|escondida|en_el_armario|"
            "en_el_closet|en_el_cajon|por_si|para_cuando",
            "compre|consegui|tengo|guardo una|la soga",
            "como|forma|manera|formas|maneras ~4 morir|morirme|matarme|irme sin dolor|sufrir|que_duela",
            "escribi|deje|escribiendo|escrito ~2 carta|cartas ~8 por_si_me_pasa_algo|por_si_no_estoy|para_cuando_no_este|"
            "cuando_me_vaya|cuando_ya_no_este|despues_de_que_me_vaya|para_despues",
            "ya no voy a estar|estare $|aqui|mucho_tiempo|por_mucho|para_cuidarlo|para_cuidarla|para_ellos|mas",
            "lupus|enfermedad|brote ~2 acabe|termine|acaba conmigo|me_mate|me_lleve",
            "adios|despedi|despedirme|despido ~6 sin que lo|se supieran|supiera|sepan|sepa|den_cuenta|diera_cuenta",
            "tirarme|aventarme|lanzarme ~1 a|al|a_las|bajo|bajo_el|delante_del ~1 vias|tren|metro|rio|mar|camion|trafico",
            "pistola|arma|cuerda|soga|cuchillo|navaja|pastillas ~8 pienso|pensando|quiero|tentada|tentado en? usarla|"
            "usarlo|usarlas",
            "regale|regalado|regalando todo lo que tengo|tenia",
            "deje|escribi|dejo ~1 una|unas carta|cartas a|para ~1 mis|mi papas|padres|hijos|hijas|esposo|esposa|familia|"
            "hermanos|hermana|hermano|mama|papa|amigos|nietos",
            "este es|sera mi ultimo mensaje !(por|de|del|hoy|antes|hasta|en)",
            "medicinas|medicamentos|pastillas|tratamiento ~10 quiero|quisiera que esto|todo ~1 termine|acabe|se_acabe",
            "lupus|enfermedad|brote ~1 haga|hiciera|termine lo suyo|su_trabajo|el_resto",
            "mejor|mas_facil para todos|ellos|mi_familia|mis_hijos si yo? no estuviera|existiera",
            "si yo? no estuviera|existiera ~6 mejor|tranquilos|felices|en_paz",
            "no ~3 poder|podre cuidar ~3 despues de esta|este semana|mes|noche",
            "mejor|mejores con otra|otro madre|mama|esposa|mujer|papa|padre|persona",
            "estarian|estaria|serian|seria mejor sin mi",
        ),
        language="es",
        veto=words("mudo mudanza mudando alergico alergica jardin escalar"),
    ),
    Family(
        "es-sobredosis-frasco",
        Concern.OVERDOSE,
        (
            "me_trague|me_tome|trague|tome|me_bebi|me_acabe todo|todos el|los frasco|frascos|bote|botes|blister|caja|"
            "pastillero",
            "dosis letal|mortal",
            "me_trague|me_tome|trague|tome|me_bebi el|la|un|una frasco|bote|blister|caja entero|entera|completo|completa",
            "me_tome|tome|me_trague|trague un monton|punado|chingo|pilo de @PILLS_ES",
            "me_bebi|bebi|me_meti|me_eche ~2 todas|todos ~2 @PILLS_ES",
            "cuanto|cuantos|cuantas ~4 @MEDS|@PILLS_ES ~6 morir|no_despertar|matar|matarme|letal|mortal|letales|mortales",
        ),
        language="es",
        veto=words("jarabe tos vitaminas manzanilla infusion galletas chocolate cereal jaja"),
    ),
)
