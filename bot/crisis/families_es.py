"""Phrase families in Spanish: suicide, someone else at risk, self-harm, overdose.

Patterns use the small language of :mod:`bot.crisis.patterns` over the canonical tokens of
:mod:`bot.crisis.normalize` (so ``can't`` is written ``can not``, ``wanna`` is ``want to``,
accents are gone: ``más`` is ``mas``). To add a phrase family, see docs/crisis-detector.md.
"""

from __future__ import annotations

from bot.crisis.concern import Concern
from bot.crisis.family import Family
from bot.crisis.guards import ACCIDENT, EXERCISE

SPANISH_FAMILIES: tuple[Family, ...] = (
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
            "no quiero|deseo estar|seguir|vivir en este mundo|esta_vida",
            "pienso|pensando|penso en la? muerte|morir|morirme ~1 todo|todos|siempre|cada|mucho",
            "quisiera|quiero|ojala no haber|hubiera nacido|existido",
            "me quiero|voy_a|queria ir|irme para siempre",
            "quiero|quisiera que se acabe|termine todo|mi_vida",
            "no quiero|deseo seguir sufriendo|viviendo|asi",
            "no quiero|deseo ~1 vivir|seguir_viviendo|estar_aqui|existir|despertar|estar_viva|estar_vivo !(en|con|cerca|alli|aqui|solo|sola|lejos|asi_de)",
            "no quiero|deseo seguir &($|asi|adelante|mas|viviendo)",
            "ya no ~1 quiero|aguanto|soporto|puedo ~1 vivir|existir|despertar",
            "ya no ~1 quiero|aguanto|soporto|puedo ~1 seguir !(con|en|el|la|los|las|tomando|yendo|trabajando|estudiando|haciendo)",
            "dormir|dormirme ~1 y no despertar|volver_a_despertar !(hasta|antes|temprano|tarde|en_toda)",
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
            "me he|he estado|seguido cortando|lastimando|quemando|haciendo_dano !(@ES_BENIGN_CUT)",
            "hasta sangrar|sangrarme|que_sangre|que_sangro|que_sangraron",
            "solo|solamente|nomas queria|quiero|quise|para sentir algo",
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
            "@TOOK|tome|trague|tomar|tragar|tomarme|tragarme|me_tome|me_trague ~2 todas|todos ~2 @PILLS_ES !(de_hoy|del_dia|de_la_manana|de_la_tarde|de_la_noche|de_esta_manana|del_desayuno|de_la_cena|que_me_tocan|que_me_tocaban|que_me_toca)",
            "@TOOK|tome|trague|me_tome|me_trague ~1 un|una frasco|caja|bote|blister entero|entera? de ~1 @PILLS_ES",
            "guardando|juntando|acumulando ~1 @PILLS_ES",
            "tome|trague|me_tome|me_trague #MANY @PILLS_ES",
            "cuantas @PILLS_ES ~4 morir|matar|muerte|no_despertar",
        ),
        language="es",
    ),
)
