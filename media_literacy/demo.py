"""Demo editorial content, idempotent (pages and objects are looked up by slug):
three campaigns (current, upcoming, past) with a search promotion, fifteen resources
across the four audiences, the local actors page with a dozen actors, ten scenarios with
ratings and a teacher's draft."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.demo import Logger, navigation_link_ensure
from cms.models import Audience, Competence, HomePage, Level, Theme
from media_literacy.campaigns.models import CampaignIndexPage, CampaignPage, CampaignRelatedResource
from media_literacy.factories import (
    CampaignPageFactory,
    LocalActorFactory,
    LocalActorIndexPageFactory,
    LocalServiceFactory,
    ResourcePageFactory,
)
from media_literacy.local_actors.models import LocalActor, LocalActorIndexPage
from media_literacy.resources.models import ResourceIndexPage, ResourceKind, ResourceVariant
from media_literacy.scenarios.models import (
    Discipline,
    ScenarioFeedback,
    ScenarioIndexPage,
    ScenarioPage,
)
from media_literacy.scenarios.submissions import ScenarioDraft, ScenarioStep, scenario_draft_save
from media_literacy.services import index_page_ensure

PROMOTED_QUERY = "semaine de la presse"

RESOURCES = [
    # slug, title, kind, audiences, levels, themes, summary
    (
        "verifier-une-information",
        "Vérifier une information en 5 étapes",
        "fiche",
        ["eleves"],
        ["cycle-3", "cycle-4"],
        ["desinformation", "esprit-critique"],
        "Source, date, auteur, images, recoupement : la méthode pas à pas.",
    ),
    (
        "reconnaitre-une-infox",
        "Reconnaître une infox",
        "affiche",
        ["eleves"],
        ["cycle-3"],
        ["desinformation"],
        "Une affiche pour la classe : les signes qui doivent alerter.",
    ),
    (
        "proteger-ses-mots-de-passe",
        "Protéger ses mots de passe",
        "fiche",
        ["eleves"],
        ["cycle-4", "lycee"],
        ["donnees-personnelles"],
        "Phrases de passe, gestionnaire, double authentification.",
    ),
    (
        "que-faire-face-au-cyberharcelement",
        "Que faire face au cyberharcèlement ?",
        "guide",
        ["eleves"],
        ["cycle-4", "lycee"],
        ["cyberharcelement"],
        "Capturer, signaler, en parler : qui appeler et comment.",
    ),
    (
        "hameconnage-reperer-les-pieges",
        "Hameçonnage : repérer les pièges",
        "video",
        ["eleves"],
        ["lycee"],
        ["hameconnage"],
        "Trois minutes pour reconnaître un message frauduleux.",
    ),
    (
        "enseigner-l-esprit-critique",
        "Enseigner l'esprit critique au cycle 3",
        "guide",
        ["enseignants"],
        ["cycle-3"],
        ["esprit-critique"],
        "Séquences courtes et activités pour apprendre à douter utilement.",
    ),
    (
        "prevenir-le-harcelement-en-classe",
        "Prévenir le harcèlement en classe",
        "guide",
        ["enseignants"],
        ["cycle-3", "cycle-4"],
        ["cyberharcelement"],
        "Repérer les signaux faibles et réagir avec l'équipe éducative.",
    ),
    (
        "donnees-personnelles-en-classe",
        "Les données personnelles en classe",
        "fiche",
        ["enseignants"],
        ["cycle-4", "lycee"],
        ["donnees-personnelles"],
        "RGPD, ENT et outils en ligne : les bons réflexes.",
    ),
    (
        "analyser-une-image-virale",
        "Analyser une image virale",
        "video",
        ["enseignants"],
        ["cycle-4", "lycee"],
        ["desinformation"],
        "Recherche inversée, métadonnées et contexte d'une image.",
    ),
    (
        "ecrans-en-famille",
        "Les écrans en famille",
        "guide",
        ["parents"],
        ["cycle-1", "cycle-2"],
        ["ecrans"],
        "Repères par âge pour un usage serein des écrans à la maison.",
    ),
    (
        "premier-smartphone",
        "Le premier smartphone de mon enfant",
        "fiche",
        ["parents"],
        ["cycle-3", "cycle-4"],
        ["ecrans", "donnees-personnelles"],
        "Contrôle parental, règles communes et dialogue.",
    ),
    (
        "parler-du-cyberharcelement-avec-son-enfant",
        "Parler du cyberharcèlement avec son enfant",
        "fiche",
        ["parents"],
        ["cycle-3", "cycle-4"],
        ["cyberharcelement"],
        "Les mots pour ouvrir la discussion et les numéros utiles.",
    ),
    (
        "arnaques-en-ligne-familles",
        "Arnaques en ligne : protéger toute la famille",
        "affiche",
        ["parents"],
        ["adultes"],
        ["hameconnage"],
        "Faux colis, faux conseillers : les arnaques les plus courantes.",
    ),
    (
        "mediation-numerique-communes",
        "La médiation numérique dans les communes",
        "guide",
        ["elus-et-agents"],
        ["adultes"],
        ["esprit-critique"],
        "Équiper, former et accompagner : les leviers d'une politique locale.",
    ),
    (
        "securite-numerique-agents",
        "Sécurité numérique pour les agents municipaux",
        "fiche",
        ["elus-et-agents"],
        ["adultes"],
        ["hameconnage", "donnees-personnelles"],
        "Les gestes essentiels pour protéger les données des usagers.",
    ),
]


def load_media_literacy_demo(*, log) -> None:
    home = HomePage.objects.first()
    resource_index = index_page_ensure(model=ResourceIndexPage, home=home)
    campaign_index = index_page_ensure(model=CampaignIndexPage, home=home)
    resources = {spec[0]: _resource(resource_index, *spec) for spec in RESOURCES}
    _variant(
        resources["verifier-une-information"],
        resources["reconnaitre-une-infox"],
        "Version affiche pour la classe",
    )
    _variant(
        resources["que-faire-face-au-cyberharcelement"],
        resources["parler-du-cyberharcelement-avec-son-enfant"],
        "Version parents",
    )
    campaigns = _campaigns(campaign_index, resources)
    _search_promotion()
    for page in (campaign_index, resource_index):
        navigation_link_ensure(home=home, page=page, label=page.title)
    log(f"media_literacy: {len(campaigns)} campaigns, {len(resources)} resources.")


def _search_promotion() -> None:
    """Editors pin the Semaine de la presse on its own name (Wagtail's search promotions)."""
    campaign = CampaignPage.objects.live().filter(title__icontains="presse").first()
    if campaign is None:
        return
    query = Query.objects.filter(query_string=PROMOTED_QUERY).first()
    if query is None:
        query = Query.objects.create(query_string=PROMOTED_QUERY)
    if not SearchPromotion.objects.filter(query=query, page=campaign).exists():
        SearchPromotion.objects.create(
            query=query, page=campaign, sort_order=0, description=campaign.summary
        )


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def _resource(index, slug, title, kind, audiences, levels, themes, summary):
    page = index.get_children().filter(slug=slug).first()
    if page:
        return page.specific
    body = [
        ("paragraph", f"<p>{summary}</p>"),
        ("heading", {"text": "L'essentiel", "level": "h2"}),
        (
            "paragraph",
            "<ul><li>Prendre le temps avant de partager.</li><li>Chercher la source d'origine.</li>"
            "<li>En parler à un adulte de confiance en cas de doute.</li></ul>",
        ),
    ]
    page = ResourcePageFactory.build(
        title=title,
        slug=slug,
        summary=summary,
        resource_kind=ResourceKind(kind),
        body=body,
        last_reviewed=datetime.date(2026, 9, 1),
    )
    page.audiences.set(_terms(Audience, audiences))
    page.levels.set(_terms(Level, levels))
    page.themes.set(_terms(Theme, themes))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _variant(resource, variant, label):
    if not ResourceVariant.objects.filter(resource=resource, variant=variant).exists():
        ResourceVariant.objects.create(resource=resource, variant=variant, label=label)


def _campaigns(index, resources):
    today = timezone.localdate()
    image = get_image_model().objects.filter(title="Repères — illustration").first()
    document = (
        get_document_model().objects.filter(title="Charte d'usage du numérique en famille").first()
    )
    specs = [
        {
            "slug": "semaine-de-la-presse-et-des-medias",
            "title": "Semaine de la presse et des médias à l'école",
            "strapline": "Une semaine pour comprendre l'information et apprendre à s'informer.",
            "start_date": today - datetime.timedelta(days=2),
            "end_date": today + datetime.timedelta(days=5),
            "audiences": ["eleves", "enseignants"],
            "levels": ["cycle-3", "cycle-4", "lycee"],
            "themes": ["desinformation", "esprit-critique"],
            "resources": [
                "verifier-une-information",
                "analyser-une-image-virale",
                "enseigner-l-esprit-critique",
            ],
            "registration_open": True,
        },
        {
            "slug": "safer-internet-day",
            "title": "Safer Internet Day",
            "strapline": "La journée mondiale pour un internet plus sûr, dans les écoles et les familles.",
            "start_date": today + datetime.timedelta(days=30),
            "end_date": today + datetime.timedelta(days=30),
            "audiences": ["eleves", "parents"],
            "levels": ["cycle-3", "cycle-4"],
            "themes": ["donnees-personnelles", "hameconnage"],
            "resources": ["proteger-ses-mots-de-passe", "premier-smartphone"],
            "courses": ["se-proteger-en-ligne"],
            "registration_open": True,
        },
        {
            "slug": "non-au-harcelement",
            "title": "Non au harcèlement",
            "strapline": "Mobiliser élèves, familles et équipes contre le harcèlement et le cyberharcèlement.",
            "start_date": today - datetime.timedelta(days=60),
            "end_date": today - datetime.timedelta(days=45),
            "audiences": ["eleves", "enseignants", "parents"],
            "levels": ["cycle-3", "cycle-4", "lycee"],
            "themes": ["cyberharcelement"],
            "resources": [
                "que-faire-face-au-cyberharcelement",
                "prevenir-le-harcelement-en-classe",
            ],
            "registration_open": False,
        },
    ]
    campaigns = []
    for spec in specs:
        page = index.get_children().filter(slug=spec["slug"]).first()
        if page:
            campaigns.append(page.specific)
            continue
        page = CampaignPageFactory.build(
            title=spec["title"],
            slug=spec["slug"],
            strapline=spec["strapline"],
            summary=spec["strapline"],
            start_date=spec["start_date"],
            end_date=spec["end_date"],
            hero_image=image,
            hero_image_alt="Bandeau bleu portant le mot Repères",
            registration_open=spec["registration_open"],
            registration_intro="Inscrivez votre école, collège ou lycée : vous recevrez le kit de la campagne.",
            body=_campaign_body(spec, image, document),
        )
        page.audiences.set(_terms(Audience, spec["audiences"]))
        page.levels.set(_terms(Level, spec["levels"]))
        page.themes.set(_terms(Theme, spec["themes"]))
        for order, slug in enumerate(spec["resources"]):
            page.related_resources.add(
                CampaignRelatedResource(page=resources[slug], sort_order=order)
            )
        index.add_child(instance=page)
        page.save_revision().publish()
        campaigns.append(page)
    return campaigns


def _campaign_body(spec, image, document):
    start = spec["start_date"]
    return [
        (
            "paragraph",
            f"<p>{spec['strapline']} Des activités pour chaque niveau, des kits prêts à l'emploi.</p>",
        ),
        (
            "key_figures",
            {
                "title": "En chiffres",
                "figures": [
                    {
                        "figure": "4 800",
                        "label": "établissements inscrits l'an dernier",
                        "source": "Repères",
                    },
                    {
                        "figure": "62 %",
                        "label": "des 11-14 ans s'informent d'abord sur les réseaux sociaux",
                        "source": "Enquête 2025",
                    },
                ],
            },
        ),
        (
            "timeline",
            {
                "title": "Temps forts",
                "events": [
                    {
                        "date": start,
                        "title": "Ouverture de la campagne",
                        "description": "Lancement dans les académies.",
                    },
                    {
                        "date": start + datetime.timedelta(days=2),
                        "title": "Rencontre avec des journalistes",
                        "description": "",
                    },
                ],
            },
        ),
        (
            "teacher_kit",
            {
                "title": "Kit enseignant",
                "intro": "Séquences clés en main et fiches élèves.",
                "documents": [document],
                "links": [],
            },
        ),
        (
            "parent_kit",
            {
                "title": "Kit parents",
                "intro": "Pour prolonger la campagne à la maison.",
                "documents": [document],
                "links": [],
            },
        ),
        (
            "poster_downloads",
            {
                "title": "Affiches à télécharger",
                "posters": [
                    {
                        "preview": image,
                        "preview_alt": "Aperçu de l'affiche de la campagne",
                        "document": document,
                        "format": "A3, PDF",
                    }
                ],
            },
        ),
        (
            "partner_logos",
            {
                "title": "Partenaires",
                "partners": [{"name": "Repères", "logo": image, "url": "https://reperes.invalid"}],
            },
        ),
    ]


SERVICES = [
    ("demarches", "Accompagnement aux démarches"),
    ("parentalite-numerique", "Ateliers parentalité numérique"),
    ("pret-materiel", "Prêt de matériel"),
    ("formation-enseignants", "Formation des enseignants"),
    ("cyberharcelement", "Lutte contre le cyberharcèlement"),
]

Kind = LocalActor.Kind

# (name, kind, address, postcode, commune, lat, lng, services, audiences, hours)
ACTORS = [
    ("EPN de la Roquette", Kind.EPN, "12 rue de la Roquette", "75011", "Paris", "48.855300", "2.373900", ["demarches", "parentalite-numerique"], ["parents", "elus-et-agents"], "Mardi-samedi 10 h-18 h"),
    ("Médiathèque Marguerite-Duras", Kind.MEDIATHEQUE, "115 rue de Bagnolet", "75020", "Paris", "48.859000", "2.404300", ["pret-materiel", "parentalite-numerique"], ["eleves", "parents"], "Mardi-dimanche 13 h-19 h"),
    ("Association Clic & Sens", Kind.ASSOCIATION, "4 quai Saint-Vincent", "69001", "Lyon", "45.767400", "4.827200", ["cyberharcelement", "formation-enseignants"], ["eleves", "enseignants"], "Sur rendez-vous"),
    ("Métropole de Lyon — mission inclusion numérique", Kind.COLLECTIVITE, "20 rue du Lac", "69003", "Lyon", "45.760700", "4.855900", ["demarches", "formation-enseignants"], ["elus-et-agents"], "Lundi-vendredi 9 h-17 h"),
    ("Médiathèque de l'Alcazar", Kind.MEDIATHEQUE, "58 cours Belsunce", "13001", "Marseille", "43.298100", "5.377500", ["pret-materiel", "cyberharcelement"], ["eleves", "parents"], "Mardi-samedi 11 h-19 h"),
    ("Espace numérique du Nord Vert", Kind.EPN, "3 place du Général-de-Gaulle", "59000", "Lille", "50.636600", "3.063500", ["demarches", "pret-materiel"], ["parents"], "Lundi-vendredi 9 h-12 h et 14 h-17 h"),
    ("Bretagne Sans Écran Fixe", Kind.ASSOCIATION, "8 rue Saint-Malo", "35000", "Rennes", "48.114600", "-1.680600", ["parentalite-numerique", "cyberharcelement"], ["parents", "enseignants"], "Mercredi 14 h-18 h"),
    ("Médiathèque Cathédrale", Kind.MEDIATHEQUE, "1 place Hector-Berlioz", "33000", "Bordeaux", "44.836000", "-0.573000", ["pret-materiel"], ["eleves", "parents", "enseignants"], "Mardi-samedi 10 h-18 h"),
    ("EPN d'Ajaccio", Kind.EPN, "2 cours Napoléon", "20000", "Ajaccio", "41.919200", "8.738600", ["demarches", "parentalite-numerique"], ["parents", "elus-et-agents"], "Lundi-vendredi 9 h-17 h"),
    ("Ville de Bastia — service jeunesse", Kind.COLLECTIVITE, "Avenue Pierre-Giudicelli", "20200", "Bastia", "42.697300", "9.450900", ["cyberharcelement"], ["eleves", "elus-et-agents"], "Lundi-vendredi 8 h 30-16 h 30"),
    ("Association Kaz Numérik", Kind.ASSOCIATION, "14 rue de Paris", "97400", "Saint-Denis", "-20.878900", "55.448100", ["parentalite-numerique", "formation-enseignants"], ["parents", "enseignants"], "Mardi-jeudi 9 h-16 h"),
    ("Médiathèque François-Mitterrand", Kind.MEDIATHEQUE, "4 rue de la Ravine", "97410", "Saint-Pierre", "-21.339300", "55.478100", ["pret-materiel", "demarches"], ["eleves", "parents"], "Mardi-samedi 9 h-18 h"),
    ("Conseil départemental du Gers — pôle numérique", Kind.COLLECTIVITE, "81 route de Pessan", "32000", "Auch", "43.646100", "0.586100", ["formation-enseignants", "demarches"], ["enseignants", "elus-et-agents"], "Lundi-vendredi 9 h-17 h"),
]  # fmt: skip


def load_local_actors_demo(*, log: Logger) -> None:
    home = HomePage.objects.first()
    index_page = _index_page(home=home)
    services = {slug: LocalServiceFactory(slug=slug, name=name) for slug, name in SERVICES}
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    created = 0
    for number, spec in enumerate(ACTORS, start=1):
        name, kind, address, postcode, commune, lat, lng, service_slugs, audience_slugs, hours = (
            spec
        )
        slug = LocalActor.slug_for(name=name, commune=commune)
        if LocalActor.objects.filter(slug=slug).exists():
            continue
        LocalActorFactory(
            slug=slug,
            name=name,
            kind=kind,
            address=address,
            postcode=postcode,
            commune=commune,
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            opening_hours=hours,
            email=f"contact-{number}@acteurs.invalid",
            phone=f"01 99 00 {number:02d} {number * 3:02d}",
            website=f"https://acteur-{number}.invalid/",
            description=f"{kind.label} à {commune}, partenaire de démonstration de Repères.",
            services=[services[slug] for slug in service_slugs],
            audiences=[audiences[slug] for slug in audience_slugs if slug in audiences],
        )
        created += 1
    navigation_link_ensure(home=home, page=index_page, label="Acteurs locaux")
    log(f"media_literacy: « {index_page.title} », {created} local actors created.")


def _index_page(*, home: HomePage) -> LocalActorIndexPage:
    page = LocalActorIndexPage.objects.first()
    if page is None:
        page = LocalActorIndexPageFactory.build(
            title="Acteurs près de chez vous",
            slug="acteurs-locaux",
            summary=(
                "Espaces publics numériques, médiathèques, associations et collectivités "
                "qui accompagnent élèves, familles et enseignants près de chez vous."
            ),
            intro=(
                "<p>Filtrez par département ou par service proposé, puis contactez "
                "directement l'acteur qui vous convient.</p>"
            ),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


# (slug, title, levels, themes, disciplines, sessions, minutes, equipment, author,
#  school kind, summary, objectives, adapted from)
SCENARIOS = [
    (
        "vrai-ou-faux-en-images",
        "Vrai ou faux ? Enquêter sur une image",
        ["cycle-3"],
        ["desinformation"],
        ["francais", "emc"],
        1,
        55,
        "screen",
        "Mme Lefèvre",
        "ecole",
        "Les élèves retrouvent l'origine d'une photo détournée et expliquent comment ils l'ont su.",
        "Distinguer une image de sa légende ; chercher l'origine d'une image.",
        "",
    ),
    (
        "la-une-du-jour",
        "Fabriquer la une du journal de la classe",
        ["cycle-3"],
        ["esprit-critique"],
        ["francais"],
        3,
        50,
        "group",
        "M. Diallo",
        "ecole",
        "En équipes, les élèves choisissent, hiérarchisent et titrent les nouvelles de la semaine.",
        "Comprendre la hiérarchie de l'information ; écrire un titre informatif.",
        "",
    ),
    (
        "mon-mot-de-passe-secret",
        "Un mot de passe solide, c'est quoi ?",
        ["cycle-2"],
        ["donnees-personnelles"],
        ["emc"],
        1,
        45,
        "none",
        "Mme Nguyen",
        "ecole",
        "Un jeu de cartes pour comprendre pourquoi un mot de passe ne se prête pas.",
        "Savoir qu'un mot de passe est personnel ; construire une phrase de passe.",
        "",
    ),
    (
        "harcelement-agir-ensemble",
        "Cyberharcèlement : qui peut agir ?",
        ["cycle-4"],
        ["cyberharcelement"],
        ["emc", "documentation"],
        2,
        55,
        "screen",
        "M. Petit",
        "college",
        "À partir d'un récit, les élèves identifient les rôles (auteur, victime, témoins) et les "
        "recours.",
        "Nommer le cyberharcèlement ; connaître le 3018 et les adultes relais.",
        "",
    ),
    (
        "arnaques-en-ligne",
        "Repérer une arnaque par message",
        ["cycle-4"],
        ["hameconnage"],
        ["technologie", "emc"],
        1,
        55,
        "pupil",
        "Mme Roussel",
        "college",
        "Les élèves trient de vrais et faux messages et relèvent les indices d'hameçonnage.",
        "Reconnaître les indices d'un message frauduleux ; savoir signaler.",
        "",
    ),
    (
        "algorithmes-et-bulles",
        "Pourquoi mon fil ne ressemble pas au tien ?",
        ["lycee"],
        ["esprit-critique"],
        ["snt"],
        2,
        55,
        "pupil",
        "M. Bernard",
        "lycee",
        "Comparaison de fils d'actualité fictifs pour comprendre la recommandation algorithmique.",
        "Expliquer le rôle des algorithmes de recommandation ; diversifier ses sources.",
        "",
    ),
    (
        "deepfakes-au-lycee",
        "Hypertrucages : voir n'est plus croire",
        ["lycee"],
        ["desinformation"],
        ["snt", "histoire-geographie"],
        2,
        55,
        "group",
        "Mme Morel",
        "lycee",
        "Des vidéos truquées aux archives retouchées : enquête sur la manipulation des images.",
        "Connaître les procédés d'hypertrucage ; vérifier une vidéo.",
        "",
    ),
    (
        "temps-d-ecran-en-famille",
        "Mon temps d'écran en une semaine",
        ["cycle-3"],
        ["ecrans"],
        ["sciences", "mathematiques"],
        4,
        45,
        "none",
        "M. Garnier",
        "ecole",
        "Les élèves relèvent leur temps d'écran, le représentent et en discutent en classe.",
        "Prendre conscience de ses usages ; lire et construire un graphique.",
        "",
    ),
    (
        "vrai-ou-faux-en-images-cycle-4",
        "Vrai ou faux ? Enquêter sur une image (cycle 4)",
        ["cycle-4"],
        ["desinformation"],
        ["francais", "documentation"],
        1,
        55,
        "pupil",
        "Mme Chevalier",
        "college",
        "La même enquête, avec la recherche d'image inversée faite par les élèves eux-mêmes.",
        "Utiliser une recherche d'image inversée ; citer ses sources.",
        "vrai-ou-faux-en-images",
    ),
    (
        "harcelement-agir-ensemble-cycle-3",
        "Cyberharcèlement : qui peut agir ? (CM2)",
        ["cycle-3"],
        ["cyberharcelement"],
        ["emc"],
        1,
        50,
        "none",
        "M. Fontaine",
        "ecole",
        "Une version courte, sans écran, avec des saynètes jouées par les élèves.",
        "Reconnaître une situation de harcèlement ; savoir à qui en parler.",
        "harcelement-agir-ensemble",
    ),
]


def load_scenarios_demo(*, log: Logger) -> None:
    """Ten scenarios across cycles, two of them adaptations of others."""
    home = HomePage.objects.first()
    index = index_page_ensure(model=ScenarioIndexPage, home=home)
    navigation_link_ensure(home=home, page=index, label=index.title)
    created = 0
    for spec in SCENARIOS:
        (
            slug,
            title,
            levels,
            themes,
            disciplines,
            sessions,
            minutes,
            equipment,
            author,
            school_kind,
            summary,
            objectives,
            adapted_from,
        ) = spec
        if ScenarioPage.objects.filter(slug=slug).exists():
            continue
        page = ScenarioPage(
            title=title,
            slug=slug,
            summary=summary,
            sessions=sessions,
            session_minutes=minutes,
            equipment=equipment,
            objectives=objectives,
            author_name=author,
            author_school_kind=school_kind,
            adapted_from=ScenarioPage.objects.filter(slug=adapted_from).first(),
            steps=[
                (
                    "step",
                    {
                        "title": "Lancement",
                        "minutes": 10,
                        "instructions": f"<p>{summary}</p>",
                        "pupil_activity": "<p>Les élèves disent ce qu'ils savent déjà.</p>",
                        "teacher_tips": "<p>Notez les idées au tableau sans les corriger.</p>",
                        "materials": "Tableau",
                    },
                ),
                (
                    "step",
                    {
                        "title": "Enquête en groupes",
                        "minutes": max(5, minutes - 20),
                        "instructions": "<p>Chaque groupe reçoit un document et une consigne.</p>",
                        "pupil_activity": "<p>Les élèves cherchent, notent leurs indices.</p>",
                        "teacher_tips": "",
                        "materials": "Documents imprimés",
                    },
                ),
                (
                    "step",
                    {
                        "title": "Mise en commun",
                        "minutes": 10,
                        "instructions": "<p>Chaque groupe présente ce qu'il a trouvé.</p>",
                        "pupil_activity": "",
                        "teacher_tips": "<p>Terminez par une règle écrite ensemble.</p>",
                        "materials": "",
                    },
                ),
            ],
        )
        page.levels.set(_terms(Level, levels))
        page.themes.set(_terms(Theme, themes))
        page.audiences.set(_terms(Audience, ["enseignants"]))
        page.disciplines.set(_terms(Discipline, disciplines))
        page.competences.set(
            Competence.objects.filter(
                code__in={code for theme in themes for code in SCENARIO_COMPETENCES.get(theme, [])}
            )
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    log(f"media_literacy: {created} demo scenarios created.")
    _scenario_feedback_demo(log=log)


# CRCN competences a scenario works on, from its theme.
SCENARIO_COMPETENCES = {
    "desinformation": ["1.1"],
    "esprit-critique": ["1.1", "2.2"],
    "cyberharcelement": ["2.1", "4.3"],
    "donnees-personnelles": ["4.2"],
    "hameconnage": ["4.1"],
    "ecrans": ["4.3"],
}

SCENARIO_FEEDBACK = [
    (
        "vrai-ou-faux-en-images",
        5,
        "Séance très vivante en CM2 : les élèves ont adoré jouer les enquêteurs.",
    ),
    ("la-une-du-jour", 4, "Prévoir deux séances plutôt qu'une avec des élèves de CM1."),
    ("vrai-ou-faux-en-images-cycle-4", 4, ""),
]


def _scenario_feedback_demo(*, log: Logger) -> None:
    """The demo teacher's ratings (published), and one draft of her own in "Mes scénarios"."""
    teacher = get_user_model().objects.filter(username="enseignante").first()
    if teacher is None:
        return
    for slug, score, comment in SCENARIO_FEEDBACK:
        scenario = ScenarioPage.objects.live().filter(slug=slug).first()
        if scenario:
            ScenarioFeedback.objects.get_or_create(
                scenario=scenario,
                teacher=teacher,
                defaults={
                    "score": score,
                    "comment": comment,
                    "author_name": "Mme Martin",
                    "status": ScenarioFeedback.Status.PUBLISHED,
                },
            )
    if not ScenarioPage.objects.filter(author=teacher).exists():
        scenario_draft_save(
            teacher=teacher,
            draft=ScenarioDraft(
                title="Mon premier réseau social : en parler en 5e",
                summary="Ce que les élèves publient, qui le voit, et comment régler son compte.",
                levels=list(Level.objects.filter(slug="cycle-4")),
                objectives="Comprendre la visibilité d'une publication ; régler sa confidentialité.",
                author_name="Mme Martin",
                author_school_kind="college",
                steps=[
                    ScenarioStep(
                        title="Qui voit ma publication ?",
                        minutes=20,
                        instructions="Dessiner au tableau les cercles d'audience d'un compte.",
                    )
                ],
            ),
        )
        log("media_literacy: a draft scenario for the demo teacher.")
