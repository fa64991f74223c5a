"""French relevance on Elasticsearch: what pupils, parents and teachers really type.

A realistic catalogue where most topics have close neighbours (cyberharcèlement and
harcèlement scolaire, hameçonnage and arnaques, mots de passe and double authentification,
désinformation and vérification des faits…), and queries written the way people write
them: without accents, with elisions, in the plural, with English words and typos. Each
query must bring one specific page into the first three results.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings

from search.backends.base import SearchQuery
from search.documents import SearchDocument

pytestmark = pytest.mark.elasticsearch

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def page(
    pk: int, key: str, title: str, summary: str, body: str, **fields
) -> tuple[str, SearchDocument]:
    fields.setdefault("kind", "resource")
    fields.setdefault("published_at", NOW - timedelta(days=7 * pk))
    document = SearchDocument(
        id=str(pk), page_id=pk, title=title, url=f"/{key}/", summary=summary, body=body, **fields
    )
    return key, document


CATALOGUE = dict(
    [
        page(
            1,
            "cyberharcelement",
            "Cyberharcèlement : reconnaître les signes et réagir",
            "Moqueries répétées, rumeurs, photos diffusées sans accord : repérer le cyberharcèlement et savoir à qui en parler.",
            "Le cyberharcèlement, ce sont des messages, des commentaires ou des publications blessants qui se répètent. "
            "La victime n'a plus de répit, même chez elle, parce que le téléphone la suit partout. Fais des captures "
            "d'écran, bloque l'auteur, signale le compte à la plateforme et parles-en à un adulte de confiance. "
            "Le 3018 est gratuit, anonyme et confidentiel.",
            audience=("eleves", "parents"),
            level=("cycle-3", "cycle-4"),
            theme=("harcelement",),
            popularity=120,
        ),
        page(
            2,
            "harcelement-scolaire",
            "Harcèlement scolaire : le rôle des témoins",
            "Dans la cour comme en classe, les témoins peuvent faire cesser le harcèlement.",
            "Le harcèlement scolaire repose sur un groupe : celui qui harcèle cherche des spectateurs. Un témoin qui "
            "refuse de rire, qui soutient la victime et qui prévient un adulte change la situation. Cette séance "
            "propose des jeux de rôle et une affiche à réaliser en classe.",
            kind="course",
            audience=("eleves", "enseignants"),
            level=("cycle-3",),
            theme=("harcelement",),
        ),
        page(
            3,
            "desinformation",
            "Désinformation : pourquoi les fausses informations se propagent",
            "Émotion, partage en un clic, algorithmes : les mécanismes qui font circuler le faux plus vite que le vrai.",
            "La désinformation joue sur nos émotions : la colère et la peur poussent à partager sans lire. Les "
            "contenus trompeurs sont souvent plus spectaculaires que les informations vérifiées, et les plateformes "
            "mettent en avant ce qui fait réagir. Prendre le temps de douter avant de partager est le premier réflexe.",
            audience=("eleves", "enseignants"),
            level=("cycle-4", "lycee"),
            theme=("information",),
            popularity=80,
        ),
        page(
            4,
            "verification-des-faits",
            "La vérification des faits, méthode des journalistes",
            "Croiser les sources, retrouver le document d'origine, contacter les témoins : vérifier comme un professionnel.",
            "Les rédactions ont des cellules de vérification des faits. Elles remontent à la source d'une déclaration, "
            "comparent les chiffres avec les données officielles et publient leurs conclusions. En classe, les élèves "
            "peuvent reproduire la démarche sur une affirmation lue en ligne.",
            kind="course",
            audience=("eleves", "enseignants"),
            level=("lycee",),
            theme=("information",),
        ),
        page(
            5,
            "origine-photo",
            "Retrouver l'origine d'une photo",
            "Recherche d'image inversée, métadonnées, indices dans le décor : d'où vient cette photo ?",
            "Une photo ancienne peut être présentée comme récente, ou une image d'un autre pays comme locale. La "
            "recherche d'image inversée retrouve ses premières publications. Les ombres, les panneaux et la météo "
            "aident aussi à dater et à situer une prise de vue.",
            audience=("eleves", "enseignants"),
            level=("cycle-4", "lycee"),
            theme=("information",),
        ),
        page(
            6,
            "complotisme",
            "Complotisme : comprendre les récits qui séduisent",
            "Pourquoi des explications cachées et simplistes attirent, et comment en parler sans humilier.",
            "Le complotisme propose une explication unique à des événements complexes : un groupe secret tirerait les "
            "ficelles. Ces récits rassurent parce qu'ils donnent un coupable. Pour en discuter avec un adolescent, "
            "mieux vaut poser des questions sur les preuves que se moquer.",
            audience=("parents", "enseignants"),
            level=("cycle-4", "lycee"),
            theme=("information",),
        ),
        page(
            7,
            "hameconnage",
            "Hameçonnage : déjouer les faux messages",
            "Un courriel de votre banque, un SMS de livraison : les signes d'un message piégé.",
            "L'hameçonnage imite un expéditeur de confiance pour vous faire cliquer sur un lien et saisir vos "
            "coordonnées bancaires. Une adresse d'expéditeur étrange, une urgence inventée, une faute d'orthographe : "
            "autant d'indices. Ne cliquez pas, connectez-vous directement au site officiel et signalez le message.",
            audience=("eleves", "parents"),
            level=("lycee",),
            theme=("securite",),
            popularity=60,
        ),
        page(
            8,
            "arnaques",
            "Arnaques en ligne : faux concours et fausses boutiques",
            "Gagner un téléphone en un clic, une paire de baskets à moitié prix : reconnaître une arnaque.",
            "Les arnaques en ligne promettent des cadeaux ou des prix incroyables. Avant de payer, vérifiez les avis, "
            "les mentions légales et l'adresse du site. Un concours qui demande de payer des frais de port est "
            "presque toujours une escroquerie.",
            audience=("eleves", "parents"),
            level=("cycle-4", "lycee"),
            theme=("securite",),
        ),
        page(
            9,
            "mots-de-passe",
            "Créer des mots de passe solides",
            "Phrases de passe, gestionnaire, un mot de passe différent par compte : les bonnes habitudes.",
            "Un mot de passe solide est long : une phrase de passe de quatre mots se retient mieux et se devine plus "
            "difficilement qu'un mot court plein de symboles. Utilisez un mot de passe différent pour chaque compte "
            "et confiez-les à un gestionnaire.",
            kind="course",
            audience=("eleves",),
            level=("cycle-4", "lycee"),
            theme=("securite",),
        ),
        page(
            10,
            "double-authentification",
            "Protéger ses comptes avec la double authentification",
            "Un code reçu sur le téléphone en plus du mot de passe : activer la validation en deux étapes.",
            "Même si votre mot de passe est volé, la double authentification empêche de se connecter sans le "
            "second facteur. Activez-la d'abord sur la messagerie, qui permet de récupérer tous les autres comptes.",
            audience=("eleves", "parents"),
            level=("lycee",),
            theme=("securite",),
        ),
        page(
            11,
            "hypertrucage",
            "Hypertrucage : repérer les vidéos truquées",
            "Visages remplacés, voix imitées : les indices qui trahissent une vidéo fabriquée.",
            "Un hypertrucage remplace le visage ou la voix d'une personne dans une vidéo. Regardez les clignements des "
            "yeux, les contours du visage, la synchronisation des lèvres, et cherchez si un média fiable a publié la "
            "même séquence.",
            audience=("eleves", "enseignants"),
            level=("cycle-4", "lycee"),
            theme=("information",),
        ),
        page(
            12,
            "intelligence-artificielle",
            "L'intelligence artificielle expliquée aux élèves",
            "Ce qu'une intelligence artificielle générative sait faire, ce qu'elle invente, et pourquoi elle se trompe.",
            "Une intelligence artificielle générative prédit le mot suivant à partir de milliards d'exemples. Elle "
            "écrit avec assurance, même quand elle invente une source. Ses biais viennent des textes dont elle a "
            "appris. Cette séquence fait comparer ses réponses avec des documents vérifiés.",
            kind="course",
            audience=("eleves", "enseignants"),
            level=("cycle-4", "lycee"),
            theme=("numerique",),
        ),
        page(
            13,
            "agent-conversationnel-devoirs",
            "Un agent conversationnel pour faire ses devoirs ?",
            "Demander de l'aide à un robot conversationnel : utile pour réviser, risqué pour recopier.",
            "Un agent conversationnel peut expliquer une notion ou proposer des exercices. Recopier sa réponse ne fait "
            "pas apprendre et les erreurs sont fréquentes. Les enseignants demandent souvent d'indiquer l'outil utilisé.",
            audience=("eleves", "parents"),
            level=("lycee",),
            theme=("numerique",),
        ),
        page(
            14,
            "reseaux-sociaux",
            "Réseaux sociaux : paramétrer son compte et publier avec prudence",
            "Compte privé, liste d'abonnés, publications éphémères : garder la main sur ce que l'on partage.",
            "Sur les réseaux sociaux, un compte public est visible par tous. Passez votre compte en privé, triez vos "
            "abonnés et réfléchissez avant de publier : une story disparaît mais une capture reste.",
            audience=("eleves",),
            level=("cycle-4",),
            theme=("reseaux-sociaux",),
            popularity=150,
        ),
        page(
            15,
            "algorithmes",
            "Algorithmes de recommandation et bulles de filtres",
            "Pourquoi votre fil d'actualité ne ressemble pas à celui de votre voisin.",
            "Les plateformes classent les contenus selon ce qui vous a retenu hier. Les algorithmes de recommandation "
            "enferment peu à peu dans une bulle de filtres. Suivre des comptes variés et chercher activement "
            "d'autres points de vue aide à en sortir.",
            audience=("eleves", "enseignants"),
            level=("lycee",),
            theme=("reseaux-sociaux",),
        ),
        page(
            16,
            "donnees-personnelles",
            "Données personnelles : ce que les applications savent de vous",
            "Traceurs, cookies, autorisations : reprendre le contrôle de ses données personnelles.",
            "Chaque application collecte des données personnelles : position, contacts, habitudes. Vérifiez les "
            "autorisations, refusez les cookies non nécessaires et exercez vos droits auprès du service, comme le "
            "prévoit le RGPD. La CNIL propose des fiches pratiques.",
            audience=("eleves", "parents"),
            level=("cycle-4", "lycee"),
            theme=("vie-privee",),
        ),
        page(
            17,
            "droit-image",
            "Droit à l'image : publier la photo d'un ami",
            "Avant de publier la photo de quelqu'un, il faut son accord.",
            "Toute personne peut s'opposer à la diffusion de son image. Avant de publier une photo de groupe, "
            "demandez l'accord de chacun ; pour un mineur, celui des parents. Retirer une photo à la demande de "
            "quelqu'un est une obligation.",
            audience=("eleves", "parents"),
            level=("cycle-3", "cycle-4"),
            theme=("vie-privee",),
        ),
        page(
            18,
            "geolocalisation",
            "Géolocalisation : ce que révèlent vos photos",
            "Une photo publiée peut indiquer où vous habitez.",
            "Les photos prises avec un téléphone contiennent souvent les coordonnées du lieu. Désactivez la "
            "géolocalisation de l'appareil photo et évitez de publier en direct depuis chez vous.",
            audience=("eleves", "parents"),
            level=("cycle-4",),
            theme=("vie-privee",),
        ),
        page(
            19,
            "ecrans-reperes",
            "Écrans à la maison : des repères selon l'âge",
            "Pas d'écran avant trois ans, des règles claires ensuite : des repères pour les familles.",
            "Avant trois ans, les écrans n'apportent rien au développement. Ensuite, fixez des temps sans écran "
            "(repas, chambre, avant l'école) et regardez avec votre enfant pour en parler. Les règles valent aussi "
            "pour les adultes.",
            audience=("parents",),
            level=("cycle-1", "cycle-2"),
            theme=("ecrans",),
            popularity=200,
        ),
        page(
            20,
            "sommeil",
            "Le sommeil des adolescents et la lumière des écrans",
            "Éteindre une heure avant de dormir et laisser le téléphone hors de la chambre.",
            "La lumière et surtout les notifications retardent l'endormissement. Un adolescent a besoin de huit à dix "
            "heures de sommeil : un chargeur dans la cuisine plutôt que sur la table de nuit aide toute la famille.",
            audience=("parents", "eleves"),
            level=("cycle-4", "lycee"),
            theme=("ecrans",),
        ),
        page(
            21,
            "jeux-video",
            "Jeux vidéo : accompagner les joueurs",
            "Classification PEGI, temps de jeu, discussions en ligne : jouer en famille et poser des règles.",
            "Les jeux vidéo sont d'abord un plaisir partagé. La classification PEGI indique l'âge conseillé et les "
            "contenus. Jouez avec votre enfant, fixez la durée des parties à l'avance et paramétrez les discussions "
            "avec des inconnus.",
            audience=("parents",),
            level=("cycle-2", "cycle-3"),
            theme=("ecrans",),
        ),
        page(
            22,
            "achats-integres",
            "Coffres à butin et achats intégrés",
            "Quand jouer coûte de l'argent réel : monnaies virtuelles et coffres payants.",
            "Beaucoup de jeux gratuits vendent des objets contre une monnaie virtuelle. Les coffres à butin "
            "ressemblent à des jeux de hasard. Bloquez les achats dans les paramètres de la console ou du téléphone.",
            audience=("parents",),
            level=("cycle-3", "cycle-4"),
            theme=("ecrans",),
        ),
        page(
            23,
            "influenceurs",
            "Influenceurs : décrypter les placements de produits",
            "Code promo, produit offert, partenariat : la publicité cachée dans les vidéos de nos idoles.",
            "Les influenceurs sont souvent payés pour présenter un produit. Depuis 2023, la loi les oblige à signaler "
            "clairement la collaboration commerciale. Apprenez à repérer les mentions, les codes promo et les "
            "éloges un peu trop enthousiastes.",
            audience=("eleves",),
            level=("cycle-4", "lycee"),
            theme=("publicite",),
            popularity=90,
        ),
        page(
            24,
            "publicite-ciblee",
            "La publicité en ligne et le ciblage",
            "Pourquoi cette annonce vous suit d'un site à l'autre.",
            "Les régies publicitaires croisent vos recherches, vos clics et votre position pour afficher des annonces "
            "ciblées. Un bloqueur de publicité et le refus des traceurs limitent ce suivi.",
            audience=("eleves", "enseignants"),
            level=("lycee",),
            theme=("publicite",),
        ),
        page(
            25,
            "semaine-presse",
            "Semaine de la presse et des médias dans l'école",
            "La grande opération nationale d'éducation aux médias, chaque printemps.",
            "Inscrivez votre établissement pour recevoir des journaux, des accès numériques et le dossier "
            "pédagogique. Rencontres avec des journalistes et ateliers de une sont proposés dans chaque académie.",
            kind="campaign",
            audience=("enseignants",),
            level=("cycle-3", "cycle-4", "lycee"),
            theme=("information",),
        ),
        page(
            26,
            "safer-internet-day",
            "Safer Internet Day : une journée pour un internet plus sûr",
            "Chaque mois de février, écoles et familles se mobilisent pour un internet plus sûr.",
            "Le Safer Internet Day est une journée européenne consacrée à la sécurité en ligne. Cette année, le "
            "thème porte sur le respect en ligne. Retrouvez les activités clés en main pour la classe.",
            kind="campaign",
            audience=("enseignants", "parents"),
            level=("cycle-3", "cycle-4"),
            theme=("securite",),
        ),
        page(
            27,
            "sextorsion",
            "Sextorsion : quand des images intimes servent au chantage",
            "Un inconnu menace de diffuser une photo intime : ne pas payer, garder les preuves, signaler.",
            "La sextorsion commence souvent par une conversation flatteuse puis une demande de photo. Ensuite "
            "viennent les menaces. Ne payez jamais, conservez les échanges, signalez le compte et parlez-en : la "
            "victime n'est jamais coupable.",
            audience=("eleves", "parents"),
            level=("lycee",),
            theme=("harcelement",),
        ),
        page(
            28,
            "controle-parental",
            "Installer un contrôle parental",
            "Filtrer les contenus et limiter le temps d'utilisation sur la tablette ou l'ordinateur familial.",
            "Les outils de contrôle parental filtrent les sites inadaptés et limitent les horaires. Ils ne "
            "remplacent pas le dialogue : expliquez à votre enfant pourquoi vous les installez.",
            audience=("parents",),
            level=("cycle-2", "cycle-3"),
            theme=("ecrans",),
        ),
        page(
            29,
            "premier-telephone",
            "Le premier téléphone portable : en parler avant de l'offrir",
            "À quel âge, avec quelles règles : préparer l'arrivée du premier téléphone au collège.",
            "Le passage au collège s'accompagne souvent d'un premier téléphone portable. Avant de l'offrir, "
            "discutez des règles : usage la nuit, applications autorisées, partage de photos, conduite à tenir en cas "
            "de message inquiétant.",
            audience=("parents",),
            level=("cycle-3",),
            theme=("ecrans",),
        ),
        page(
            30,
            "esprit-critique",
            "Développer l'esprit critique en classe",
            "Des activités pour apprendre à douter, argumenter et distinguer un fait d'une opinion.",
            "L'esprit critique s'exerce : classer des affirmations entre faits, opinions et croyances, chercher qui "
            "parle et dans quel but, débattre en respectant les arguments des autres.",
            kind="course",
            audience=("enseignants",),
            level=("cycle-3", "cycle-4"),
            theme=("information",),
        ),
        page(
            31,
            "metier-journaliste",
            "Qu'est-ce qu'une information ? Le travail des journalistes",
            "Une information est un fait nouveau, vérifié et d'intérêt public : comment les journalistes la produisent.",
            "Les journalistes recueillent des témoignages, vérifient, hiérarchisent et rédigent. Une information "
            "se distingue d'une opinion ou d'une publicité. Les élèves suivent la fabrication d'un journal télévisé.",
            kind="course",
            audience=("eleves",),
            level=("cycle-3",),
            theme=("information",),
        ),
        page(
            32,
            "canulars",
            "Rumeurs et canulars : pourquoi on y croit",
            "Chaînes de messages, fausses alertes, défis dangereux : ce qui rend une rumeur crédible.",
            "Un canular circule parce qu'il est drôle ou inquiétant. Les chaînes qui demandent de transférer le "
            "message à dix amis ou les alertes sans date sont des signes d'alerte. Avant de transférer, cherchez si "
            "un site de référence en a déjà parlé.",
            audience=("eleves",),
            level=("cycle-3", "cycle-4"),
            theme=("information",),
        ),
        page(
            33,
            "identite-numerique",
            "Identité numérique et e-réputation",
            "Ce que l'on trouve sur vous en cherchant votre nom, et comment le soigner.",
            "Votre identité numérique rassemble ce que vous publiez et ce que d'autres publient sur vous. Tapez votre "
            "nom dans un moteur de recherche, supprimez les anciens comptes et pensez aux futurs employeurs.",
            audience=("eleves",),
            level=("lycee",),
            theme=("vie-privee",),
        ),
        page(
            34,
            "contenus-choquants",
            "Contenus choquants : que faire quand on tombe dessus",
            "Violence, images pornographiques : en parler, signaler, se faire aider.",
            "Tomber sur une image violente ou pornographique peut bouleverser. Ce n'est pas ta faute. Ferme la page, "
            "parles-en à un adulte et signale le contenu sur la plateforme ou sur Pharos.",
            audience=("eleves",),
            level=("cycle-3", "cycle-4"),
            theme=("securite",),
        ),
        page(
            35,
            "groupes-de-classe",
            "Les groupes de discussion de classe",
            "Messages à toute heure, exclusions, photos : les règles d'un groupe qui se passe bien.",
            "Les groupes de discussion entre élèves servent à s'entraider mais peuvent exclure ou blesser. Fixez "
            "ensemble des règles : pas de messages la nuit, pas de photo sans accord, on ne retire personne en secret.",
            audience=("eleves", "enseignants"),
            level=("cycle-4",),
            theme=("reseaux-sociaux",),
        ),
        page(
            36,
            "wifi-public",
            "Se connecter à un wifi public en sécurité",
            "Gare, café, médiathèque : les précautions sur un réseau sans fil ouvert.",
            "Sur un wifi public, évitez les achats et les connexions à votre banque. Préférez le partage de connexion "
            "de votre téléphone et vérifiez que les sites utilisent une connexion sécurisée.",
            audience=("eleves", "parents"),
            level=("lycee",),
            theme=("securite",),
        ),
        page(
            37,
            "journal-scolaire",
            "Créer un journal scolaire",
            "Conférence de rédaction, choix des sujets, mise en page : un projet de classe de l'idée à la publication.",
            "Un journal scolaire fait vivre l'éducation aux médias : les élèves choisissent les sujets, enquêtent, "
            "écrivent et relisent. Le site du CLEMI propose des outils gratuits de mise en page.",
            kind="course",
            audience=("enseignants",),
            level=("cycle-3", "cycle-4"),
            theme=("information",),
        ),
        page(
            38,
            "podcast",
            "Réaliser un podcast en classe",
            "Écrire, enregistrer, monter : une émission audio produite par les élèves.",
            "Un podcast de classe se prépare comme une émission de radio : conducteur, interviews, montage. Une "
            "tablette et un logiciel libre suffisent pour commencer.",
            kind="course",
            audience=("enseignants",),
            level=("cycle-3", "cycle-4"),
            theme=("information",),
        ),
        page(
            39,
            "droit-auteur",
            "Droit d'auteur : télécharger, partager, citer",
            "Musique, films, images trouvées en ligne : ce que l'on a le droit de réutiliser.",
            "Une œuvre appartient à son auteur. Pour illustrer un exposé, citez la source ou choisissez des images "
            "sous licence libre. Télécharger un film sur un site illégal expose à des virus et à des sanctions.",
            audience=("eleves", "enseignants"),
            level=("cycle-4", "lycee"),
            theme=("numerique",),
        ),
        page(
            40,
            "temps-ecran-enseignants",
            "Parler du temps passé sur les écrans en classe",
            "Une séquence pour que les élèves observent leurs propres usages numériques.",
            "Les élèves tiennent pendant une semaine un carnet de leurs usages : jeux, vidéos, messages. La mise "
            "en commun ouvre une discussion sur le sommeil, l'attention et les moments sans écran.",
            kind="course",
            audience=("enseignants",),
            level=("cycle-3",),
            theme=("ecrans",),
        ),
    ]
)
KEY_BY_ID = {document.id: key for key, document in CATALOGUE.items()}


@pytest.fixture(scope="module")
def catalogue(elasticsearch_client):
    """One index for the whole module, built with the seeded synonyms.

    Given as such rather than read from the database: whatever ran before (a flushed
    table, another test's groups in the per-process cache) must not change this set.
    """
    from search import synonyms
    from search.backends.elasticsearch import ElasticsearchBackend

    prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}relevance_"
    backend = ElasticsearchBackend(url=settings.ELASTICSEARCH_URL, index_prefix=prefix)
    seeded = [
        tuple(t.strip() for t in group.split(",") if t.strip()) for group in synonyms.SEED_GROUPS
    ]
    previous, synonyms._cache = synonyms._cache, seeded
    try:
        backend.rebuild(CATALOGUE.values(), total=len(CATALOGUE))
    finally:
        synonyms._cache = previous
    backend.refresh()
    yield backend
    elasticsearch_client.options(ignore_status=404).indices.delete(
        index=f"{prefix}*", expand_wildcards="all"
    )


def top(backend, text: str, size: int = 3) -> list[str]:
    results = backend.search(SearchQuery(text=text, page_size=size))
    return [KEY_BY_ID[hit.id] for hit in results.hits]


def case(query: str, expected: str, category: str):
    return pytest.param(query, expected, id=f"{category}: {query}")


QUERIES = [
    # Accents left out, or added where there are none.
    case("hameconnage", "hameconnage", "accents"),
    case("donnees personnelles applications", "donnees-personnelles", "accents"),
    case("cyberharcélement", "cyberharcelement", "accents"),
    case("intélligence artificièlle", "intelligence-artificielle", "accents"),
    case("securite wifi public", "wifi-public", "accents"),
    case("ecrans a la maison selon l age", "ecrans-reperes", "accents"),
    # Elision: l', d', qu'.
    case("l'hameçonnage", "hameconnage", "elision"),
    case("qu'est-ce qu'une information", "metier-journaliste", "elision"),
    case("l'image de mes amis", "droit-image", "elision"),
    case("l'esprit critique", "esprit-critique", "elision"),
    case("d'où vient l'image", "origine-photo", "elision"),
    case("l'identité numérique", "identite-numerique", "elision"),
    # Plural and singular.
    case("mot de passe solide", "mots-de-passe", "plural"),
    case("jeu vidéo", "jeux-video", "plural"),
    case("influenceur", "influenceurs", "plural"),
    case("réseau social", "reseaux-sociaux", "plural"),
    case("arnaque", "arnaques", "plural"),
    case("hypertrucages", "hypertrucage", "plural"),
    case("un algorithme de recommandation", "algorithmes", "plural"),
    # The editors' synonyms.
    case("fake news", "desinformation", "synonyms"),
    case("infox", "desinformation", "synonyms"),
    case("fausses nouvelles", "desinformation", "synonyms"),
    case("phishing", "hameconnage", "synonyms"),
    case("filoutage", "hameconnage", "synonyms"),
    case("deepfake", "hypertrucage", "synonyms"),
    case("deep fake", "hypertrucage", "synonyms"),
    case("harcèlement en ligne", "cyberharcelement", "synonyms"),
    case("cyberintimidation", "cyberharcelement", "synonyms"),
    case("théorie du complot", "complotisme", "synonyms"),
    case("vie privée", "donnees-personnelles", "synonyms"),
    case("IA", "intelligence-artificielle", "synonyms"),
    case("médias sociaux", "reseaux-sociaux", "synonyms"),
    # One typo in a word of five letters or more.
    case("cyberharcelemnt", "cyberharcelement", "typos"),
    case("desinfromation", "desinformation", "typos"),
    case("complotsime", "complotisme", "typos"),
    case("algortihmes", "algorithmes", "typos"),
    case("influnceurs", "influenceurs", "typos"),
    case("hypertrucge", "hypertrucage", "typos"),
    case("sextrosion", "sextorsion", "typos"),
    case("controle parantal", "controle-parental", "typos"),
    # English words pupils and parents use.
    case("fact-checking", "verification-des-faits", "english"),
    case("fact checking", "verification-des-faits", "english"),
    case("influencer", "influenceurs", "english"),
    case("gaming", "jeux-video", "english"),
    case("password", "mots-de-passe", "english"),
    case("smartphone", "premier-telephone", "english"),
    case("social media", "reseaux-sociaux", "english"),
    case("sextortion", "sextorsion", "english"),
    case("hoax", "canulars", "english"),
    case("safer internet day", "safer-internet-day", "english"),
    # Questions typed as sentences: not every word is in the page.
    case("mon enfant joue trop aux jeux vidéo", "jeux-video", "questions"),
    case("comment protéger mes comptes", "double-authentification", "questions"),
    case("photo de mon ami sur instagram", "droit-image", "questions"),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_expected_page_is_in_the_first_three(catalogue, query, expected):
    assert expected in top(catalogue, query), top(catalogue, query, size=10)


@pytest.mark.parametrize(
    ("query", "correction", "expected"),
    [
        pytest.param("arnake", "arnaque", "arnaques", id="two edits: arnake"),
        pytest.param("ameçonnage", "hameconnage", "hameconnage", id="first letter: ameçonnage"),
    ],
)
def test_did_you_mean_corrects_a_query_that_finds_nothing(catalogue, query, correction, expected):
    results = catalogue.search(SearchQuery(text=query))
    assert results.count == 0
    assert results.suggestion == correction
    assert expected in top(catalogue, results.suggestion)


def test_no_suggestion_when_the_query_finds_pages(catalogue):
    assert catalogue.search(SearchQuery(text="arnaque")).suggestion == ""
