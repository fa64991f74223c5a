"""Demo content for the embedded site: page tree, taxonomies, settings and demo accounts.

Every step looks its object up by a stable key (slug, username, title) and creates it
only when missing, so loading twice changes nothing. Content apps add their own loader
through the ``REPERES_DEMO_LOADERS`` setting; content that fits the import format is data,
``<app>/demo_content/*.json``, loaded with ``demo_file_import`` through the same engine as
``manage.py import_content``.
"""

import io
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Max
from django.utils.module_loading import import_string
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms.content_import import ContentImportError, ImportReport, content_import_file
from cms.factories import HomePageFactory, StandardPageFactory, ThemeFactory, UserFactory
from cms.models import (
    Audience,
    FooterLink,
    HomePage,
    Level,
    NavigationLink,
    SiteSettings,
    SocialLink,
)
from cms.roles import STUDENT_GROUP, TEACHER_GROUP
from cms.seeds import seed_taxonomies

DEMO_PASSWORD = "reperes-demo"  # noqa: S105 - documented demo-only credential

THEMES = [
    ("desinformation", "Désinformation et infox"),
    ("cyberharcelement", "Cyberharcèlement"),
    ("donnees-personnelles", "Données personnelles"),
    ("ecrans", "Écrans et temps d'usage"),
    ("esprit-critique", "Esprit critique"),
    ("hameconnage", "Hameçonnage et arnaques"),
]


Logger = Callable[[str], None]


def demo_content_load(*, log: Logger = lambda message: None) -> None:
    """Run every registered demo loader, each in its own transaction."""
    for dotted_path in settings.REPERES_DEMO_LOADERS:
        loader = import_string(dotted_path)
        with transaction.atomic():
            loader(log=log)


def demo_file_import(*, path: Path) -> ImportReport:
    """Import a demo data file as ``import_content --keep-existing`` does: what exists is
    left as it is. A bad item is a bug in the demo data: it stops the loading."""
    report = content_import_file(path=path, update_existing=False)
    if report.failed:
        raise ContentImportError(
            "; ".join(
                f"{Path(path).name} [{result.position}] {result.slug}: {result.reason}"
                for result in report.failed
            )
        )
    return report


def load_cms_demo(*, log: Logger) -> None:
    image = _demo_image()
    home = _home_page(hero_image=image)
    _themes()
    document = _demo_document()
    pages = _standard_pages(home=home, image=image, document=document)
    _site_settings(home=home, pages=pages)
    _users()
    log(f"cms: home page « {home.title} », {len(pages)} standard pages, demo accounts ready.")


def _home_page(*, hero_image) -> HomePage:
    seed_taxonomies(audience_model=Audience, level_model=Level)
    home = HomePage.objects.first()
    if home is None:  # the tree the migrations made was emptied: start a new one
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=_default_locale())
        )
        home = HomePageFactory.build(slug="accueil")
        root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk or site.hostname != "127.0.0.1" or site.port != 8000:
        site.root_page = home
        site.hostname, site.port, site.site_name = "127.0.0.1", 8000, "Repères"
        site.save()
    if not home.summary:
        home.summary = (
            "Campagnes, ressources, parcours et scénarios pédagogiques pour éduquer aux médias "
            "et à la sécurité en ligne, de l'école au lycée, avec les familles et les territoires."
        )
        home.hero_image = hero_image
        home.hero_image_alt = ""  # decorative: the heading says it all
        home.save_revision().publish()
    return home


def _default_locale() -> Locale:
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return locale


def _themes() -> None:
    for order, (slug, name) in enumerate(THEMES):
        ThemeFactory(slug=slug, name=name, sort_order=order)


def _demo_image():
    image_model = get_image_model()
    existing = image_model.objects.filter(title="Repères — illustration").first()
    if existing:
        return existing
    canvas = PillowImage.new("RGB", (1200, 750), "#000091")
    draw = ImageDraw.Draw(canvas)
    for step in range(0, 750, 50):
        draw.line([(0, step), (1200, 750 - step)], fill="#6a6af4", width=3)
    draw.rectangle([(80, 300), (1120, 450)], fill="#ffffff")
    draw.text(
        (600, 375), "Repères", fill="#000091", anchor="mm", font=ImageFont.load_default(size=96)
    )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title="Repères — illustration",
        file=ImageFile(io.BytesIO(buffer.getvalue()), name="reperes-illustration.png"),
    )


def _demo_document():
    document_model = get_document_model()
    existing = document_model.objects.filter(title="Charte d'usage du numérique en famille").first()
    if existing:
        return existing
    text = (
        "Charte d'usage du numérique en famille\n\n"
        "1. On parle de ce qu'on voit en ligne.\n"
        "2. On protège ses mots de passe.\n"
        "3. On vérifie une information avant de la partager.\n"
    )
    document = document_model(title="Charte d'usage du numérique en famille")
    document.file.save(
        "charte-numerique-famille.txt", ContentFile(text.encode("utf-8")), save=False
    )
    document.save()
    return document


def _standard_pages(*, home: HomePage, image, document) -> list[Page]:
    specs = [
        {
            "slug": "a-propos",
            "title": "À propos de Repères",
            "summary": "Pourquoi Repères existe et comment l'utiliser en classe, en famille et dans les territoires.",
            "body": [
                ("heading", {"text": "Les mêmes repères pour toutes les écoles", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Certaines communes équipent et forment, d'autres non : Repères met à la "
                    "disposition de tous les mêmes campagnes, ressources et parcours.</p>",
                ),
                (
                    "image",
                    {
                        "image": image,
                        "alt_text": "Bandeau graphique aux couleurs de Repères",
                        "caption": "Illustration de démonstration",
                        "credit": "Repères",
                    },
                ),
                (
                    "quote",
                    {
                        "text": "Éduquer aux médias, c'est apprendre à chercher, vérifier et partager.",
                        "attribution": "L'équipe Repères",
                    },
                ),
                (
                    "document",
                    {
                        "document": document,
                        "title": "",
                        "description": "Une page à afficher à la maison.",
                    },
                ),
                (
                    "accordion",
                    {
                        "title": "Questions fréquentes",
                        "items": [
                            {
                                "question": "Repères est-il gratuit ?",
                                "answer": "<p>Oui, pour les écoles, les familles et les collectivités.</p>",
                            },
                            {
                                "question": "Faut-il une adresse électronique pour les élèves ?",
                                "answer": "<p>Non : les élèves rejoignent leur classe avec un code.</p>",
                            },
                        ],
                    },
                ),
                (
                    "call_to_action",
                    {
                        "title": "Une question ?",
                        "text": "Écrivez-nous, nous répondons sous trois jours ouvrés.",
                        "link": {"page": None, "url": "mailto:contact@reperes.invalid"},
                        "button_label": "Nous écrire",
                    },
                ),
            ],
        },
        {
            "slug": "accessibilite",
            "title": "Accessibilité",
            "summary": "Déclaration d'accessibilité du site Repères.",
            "body": [("paragraph", "<p>Repères vise la conformité au RGAA 4.1.</p>")],
        },
        {
            "slug": "mentions-legales",
            "title": "Mentions légales",
            "summary": "Éditeur, hébergeur et licence des contenus.",
            "body": [
                (
                    "paragraph",
                    "<p>Contenus publiés sous licence CC BY-NC-SA 4.0 sauf mention contraire.</p>",
                )
            ],
        },
        {
            "slug": "donnees-personnelles",
            "title": "Données personnelles",
            "summary": "Ce que Repères collecte, pourquoi, et comment exercer vos droits.",
            "body": [
                (
                    "paragraph",
                    "<p>Les comptes élèves n'ont ni adresse électronique ni nom de famille.</p>",
                )
            ],
        },
    ]
    pages = []
    for spec in specs:
        page = home.get_children().filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPageFactory.build(
                title=spec["title"], slug=spec["slug"], summary=spec["summary"], body=spec["body"]
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        pages.append(page)
    return pages


def _site_settings(*, home: HomePage, pages: list[Page]) -> None:
    site = Site.objects.get(root_page=home)
    site_settings = SiteSettings.for_site(site)
    if site_settings.navigation_links.exists():
        return
    site_settings.footer_text = (
        "Repères, une plateforme ouverte d'éducation aux médias et à la sécurité en ligne."
    )
    site_settings.contact_email = "contact@reperes.invalid"
    site_settings.save()
    NavigationLink.objects.create(
        setting=site_settings, label="Accueil", link_page=home, sort_order=0
    )
    NavigationLink.objects.create(
        setting=site_settings, label="À propos", link_page=pages[0], sort_order=1
    )
    for order, page in enumerate(pages[1:]):
        FooterLink.objects.create(
            setting=site_settings, label=page.title, link_page=page, sort_order=order
        )
    SocialLink.objects.create(
        setting=site_settings,
        network=SocialLink.Network.PEERTUBE,
        url="https://peertube.invalid/c/reperes",
    )


def _users() -> None:
    user_model = get_user_model()
    if not user_model.objects.filter(username="admin").exists():
        user_model.objects.create_superuser(
            "admin", email="admin@reperes.invalid", password=DEMO_PASSWORD
        )
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    teachers, _ = Group.objects.get_or_create(name=TEACHER_GROUP)
    students, _ = Group.objects.get_or_create(name=STUDENT_GROUP)
    accounts = [
        ("redaction", "Camille", editors, "redaction@reperes.invalid"),
        ("moderation", "Dominique", moderators, "moderation@reperes.invalid"),
        ("enseignante", "Mme Martin", teachers, "enseignante@reperes.invalid"),
        # Pupils: a pseudonym, no e-mail, no surname.
        ("lynx-bleu-42", "Lynx bleu", students, ""),
        ("castor-vert-17", "Castor vert", students, ""),
        ("hibou-roux-08", "Hibou roux", students, ""),
    ]
    for username, first_name, group, email in accounts:
        if user_model.objects.filter(username=username).exists():
            continue
        user = UserFactory(
            username=username,
            first_name=first_name,
            email=email,
            password=DEMO_PASSWORD,
            is_staff=group.name in {"Editors", "Moderators"},
        )
        user.groups.add(group)


def navigation_link_ensure(*, home: HomePage, page, label: str) -> None:
    """Add a navigation link to ``page`` unless one already points to it."""
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
        label=label,
        link_page=page,
        sort_order=0 if last is None else last + 1,
    )
