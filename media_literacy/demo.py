"""Demo content for local actors: the listing page, services and a dozen actors.

Idempotent like every demo loader: objects are looked up by slug and created only when
missing; the navigation link is added only when no link points to the page yet.
"""

from decimal import Decimal

from django.db.models import Max
from wagtail.models import Site

from cms.demo import Logger
from cms.models import Audience, HomePage, NavigationLink, SiteSettings
from media_literacy.factories import (
    LocalActorFactory,
    LocalActorIndexPageFactory,
    LocalServiceFactory,
)
from media_literacy.models import LocalActor, LocalActorIndexPage

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
    _navigation_link(home=home, page=index_page)
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


def _navigation_link(*, home: HomePage, page: LocalActorIndexPage) -> None:
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        return
    site_settings = SiteSettings.for_site(site)
    links = NavigationLink.objects.filter(setting=site_settings)
    if links.filter(link_page=page).exists():
        return
    last = links.aggregate(last=Max("sort_order"))["last"]
    NavigationLink.objects.create(
        setting=site_settings,
        label="Acteurs locaux",
        link_page=page,
        sort_order=0 if last is None else last + 1,
    )
