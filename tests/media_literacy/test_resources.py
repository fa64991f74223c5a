"""Resources: reading time, listing filters, documents, variants, licence."""

import pytest

from cms.factories import AudienceFactory, LevelFactory, ThemeFactory
from media_literacy.factories import ResourcePageFactory
from media_literacy.models import ResourceKind, ResourceVariant

pytestmark = pytest.mark.django_db


def words(count: int) -> str:
    return " ".join(["mot"] * count)


@pytest.mark.parametrize(
    ("word_count", "minutes"), [(0, 1), (150, 1), (200, 1), (201, 2), (450, 3)]
)
def test_reading_time_is_computed_from_the_body(resource_index, word_count, minutes):
    body = [("paragraph", f"<p>{words(word_count)}</p>")] if word_count else []
    page = ResourcePageFactory(parent=resource_index, body=body)
    assert page.reading_time == minutes


def test_reading_time_counts_every_block_kind(resource_index):
    body = [
        ("heading", {"text": words(100), "level": "h2"}),
        ("quote", {"text": words(100), "attribution": ""}),
        (
            "accordion",
            {"title": "", "items": [{"question": words(50), "answer": f"<p>{words(50)}</p>"}]},
        ),
    ]
    assert ResourcePageFactory(parent=resource_index, body=body).reading_time == 2


def test_licence_defaults_to_cc_by_nc_sa(client, resource_index):
    page = ResourcePageFactory(parent=resource_index)
    assert page.licence == "CC BY-NC-SA 4.0"
    assert 'rel="license"' in client.get(page.url).content.decode()


def test_listing_filters_by_kind_audience_level_and_theme(client, resource_index):
    parents = AudienceFactory(slug="parents")
    cycle3 = LevelFactory(slug="cycle-3")
    screens = ThemeFactory(slug="ecrans")
    guide = ResourcePageFactory(
        parent=resource_index, title="Guide écrans", resource_kind=ResourceKind.GUIDE
    )
    guide.audiences.set([parents])
    guide.levels.set([cycle3])
    guide.themes.set([screens])
    guide.save_revision().publish()
    ResourcePageFactory(
        parent=resource_index, title="Affiche infox", resource_kind=ResourceKind.POSTER
    )

    def titles(**params):
        html = client.get(resource_index.url, params).content.decode()
        return {title for title in ("Guide écrans", "Affiche infox") if title in html}

    assert titles() == {"Guide écrans", "Affiche infox"}
    assert titles(kind="affiche") == {"Affiche infox"}
    assert titles(audience="parents", level="cycle-3", theme="ecrans") == {"Guide écrans"}
    assert titles(kind="guide", theme="ecrans") == {"Guide écrans"}
    assert titles(kind="podcast") == {"Guide écrans", "Affiche infox"}  # unknown value ignored


def test_variants_link_both_ways(client, resource_index):
    original = ResourcePageFactory(parent=resource_index, title="Cyberharcèlement : agir")
    for_parents = ResourcePageFactory(
        parent=resource_index, title="Cyberharcèlement : en parler à la maison"
    )
    ResourceVariant.objects.create(resource=original, variant=for_parents, label="Version parents")
    assert "Version parents" in client.get(original.url).content.decode()
    assert "Cyberharcèlement : agir" in client.get(for_parents.url).content.decode()
    for_parents.unpublish()
    assert "Version parents" not in client.get(original.url).content.decode()


def test_documents_are_offered_for_download(client, resource_index):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title="Fiche élève")
    document.file.save("fiche-eleve.txt", ContentFile(b"Fiche"), save=False)
    document.save()
    page = ResourcePageFactory(parent=resource_index)
    page.documents.create(document=document, title="")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Fiche élève" in html and "(TXT)" in html and "download" in html
