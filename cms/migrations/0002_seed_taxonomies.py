"""Seed the canonical audiences and levels, and replace Wagtail's welcome page by a HomePage."""

from django.db import migrations

from cms.seeds import seed_taxonomies

def seed(apps, schema_editor):
    seed_taxonomies(audience_model=apps.get_model("cms", "Audience"), level_model=apps.get_model("cms", "Level"))

    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():
        return
    # Wagtail's initial migration creates a placeholder page at depth 2: replace it.
    Page.objects.filter(depth=2, url_path="/home/", content_type__model="page").delete()
    homepage_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Repères",
        draft_title="Repères",
        slug="accueil",
        content_type=homepage_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        live=True,
        hero_title="Des repères pour grandir avec les médias et en ligne",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk, "site_name": "Repères"},
    )


def unseed(apps, schema_editor):
    """Nothing to undo: terms and the home page may already carry content."""


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
