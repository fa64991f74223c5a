"""Demo editorial content, idempotent (pages and objects are looked up by slug):
three campaigns (current, upcoming, past) with a search promotion, fifteen resources
across the four audiences, the local actors page with a dozen actors, ten scenarios with
ratings and a teacher's draft.

Resources and scenarios are data (``demo_content/*.json``) loaded through
``import_content``'s engine. Campaigns stay here: their bodies hold the demo image and
document, dates relative to today and related resources, which the import format does not
carry; so do resource variants, local actors (not pages), ratings and the teacher's draft
(a teacher's own work, written through the submission service).
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.demo import Logger, demo_file_import, navigation_link_ensure
from cms.models import Audience, HomePage, Level, Theme
from media_literacy.campaigns.models import CampaignIndexPage, CampaignPage, CampaignRelatedResource
from media_literacy.factories import (
    CampaignPageFactory,
    LocalActorFactory,
    LocalActorIndexPageFactory,
    LocalServiceFactory,
)
from media_literacy.local_actors.models import LocalActor, LocalActorIndexPage
from media_literacy.resources.models import ResourceIndexPage, ResourcePage, ResourceVariant
from media_literacy.scenarios.models import (
    ScenarioFeedback,
    ScenarioIndexPage,
    ScenarioPage,
)
from media_literacy.scenarios.submissions import ScenarioDraft, ScenarioStep, scenario_draft_save
from media_literacy.services import index_page_ensure

DEMO_CONTENT = Path(__file__).resolve().parent / "demo_content"
PROMOTED_QUERY = "semaine de la presse"


def load_media_literacy_demo(*, log) -> None:
    home = HomePage.objects.first()
    resource_index = index_page_ensure(model=ResourceIndexPage, home=home)
    campaign_index = index_page_ensure(model=CampaignIndexPage, home=home)
    demo_file_import(path=DEMO_CONTENT / "resources.json")
    resources = {page.slug: page for page in ResourcePage.objects.child_of(resource_index)}
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


def load_scenarios_demo(*, log: Logger) -> None:
    """Ten scenarios across cycles, two of them adaptations of others
    (``demo_content/scenarios.json``), the demo teacher's ratings and her draft."""
    home = HomePage.objects.first()
    index = index_page_ensure(model=ScenarioIndexPage, home=home)
    navigation_link_ensure(home=home, page=index, label=index.title)
    report = demo_file_import(path=DEMO_CONTENT / "scenarios.json")
    log(f"media_literacy: {report.count('created')} demo scenarios created.")
    _scenario_feedback_demo(log=log)


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
