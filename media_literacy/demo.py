"""Demo campaigns and resources: three campaigns (current, upcoming, past) and fifteen
resources across the four audiences. Idempotent: pages are looked up by slug."""

import datetime

from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.models import Audience, HomePage, Level, NavigationLink, SiteSettings, Theme
from media_literacy.factories import CampaignPageFactory, ResourcePageFactory
from media_literacy.models import (
    CampaignIndexPage,
    CampaignRelatedResource,
    ResourceIndexPage,
    ResourceKind,
    ResourceVariant,
)
from media_literacy.services import index_page_ensure

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
    _navigation(home, [campaign_index, resource_index])
    log(f"media_literacy: {len(campaigns)} campaigns, {len(resources)} resources.")


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


def _navigation(home, pages):
    site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    for page in pages:
        if not site_settings.navigation_links.filter(link_page=page).exists():
            NavigationLink.objects.create(
                setting=site_settings,
                label=page.title,
                link_page=page,
                sort_order=site_settings.navigation_links.count(),
            )
