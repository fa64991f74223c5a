"""Local actors: département derivation, the public listing and its filters, CSV import."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.models import Audience, HomePage, NavigationLink
from media_literacy.local_actors.departements import departement_from_postcode
from media_literacy.local_actors.selectors import local_actors_filter
from media_literacy.models import LocalActor, LocalService
from tests.factories import LocalActorFactory, LocalActorIndexPageFactory, LocalServiceFactory

pytestmark = pytest.mark.django_db

HEADER = "name,kind,address,postcode,commune,departement,latitude,longitude,services,audiences,email,phone,website,opening_hours,description"


# --- Département derived from the postcode ----------------------------------------------


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("postcode", "departement"),
    [
        ("75011", "75"),
        ("01000", "01"),
        ("20000", "2A"),  # Ajaccio
        ("20167", "2A"),
        ("20200", "2B"),  # Bastia
        ("20600", "2B"),
        ("97400", "974"),  # La Réunion
        ("97300", "973"),
    ],
)
def test_departement_is_derived_from_the_postcode(postcode, departement):
    assert departement_from_postcode(postcode) == departement
    actor = LocalActorFactory(postcode=postcode, commune=f"Commune {postcode}", departement="")
    actor.refresh_from_db()
    assert actor.departement == departement


@pytest.mark.smoke
@pytest.mark.parametrize(
    "postcode", ["7501", "750111", "2A000", "00100", "20900", "96000", "98000"]
)
def test_invalid_postcodes_are_refused(postcode):
    assert departement_from_postcode(postcode) is None
    actor = LocalActor(name="EPN", kind="epn", postcode=postcode, commune="Quelque part")
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "postcode" in error.value.message_dict


@pytest.mark.smoke
def test_explicit_departement_is_kept_and_coordinates_are_range_checked():
    actor = LocalActor(name="EPN", kind="epn", postcode="05110", commune="Claret", departement="04")
    actor.full_clean()
    assert actor.departement == "04"
    actor.latitude, actor.longitude = Decimal("91"), Decimal("2")
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "latitude" in error.value.message_dict


# --- Public listing ----------------------------------------------------------------------


@pytest.fixture
def listing(db):
    home = HomePage.objects.first()
    page = LocalActorIndexPageFactory.build()
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def actors(db):
    lending = LocalServiceFactory(slug="pret-materiel", name="Prêt de matériel")
    workshops = LocalServiceFactory(slug="parentalite", name="Ateliers parentalité numérique")
    parents = Audience.objects.get(slug="parents")
    return {
        "paris": LocalActorFactory(
            name="EPN Roquette",
            postcode="75011",
            commune="Paris",
            services=[lending],
            audiences=[parents],
            latitude=Decimal("48.8553"),
            longitude=Decimal("2.3739"),
        ),
        "paris_workshops": LocalActorFactory(
            name="Médiathèque Duras", postcode="75020", commune="Paris", services=[workshops]
        ),
        "ajaccio": LocalActorFactory(
            name="EPN d'Ajaccio", postcode="20000", commune="Ajaccio", services=[lending]
        ),
        "reunion": LocalActorFactory(
            name="Kaz Numérik", postcode="97400", commune="Saint-Denis", services=[workshops]
        ),
    }


def names_in(response) -> list[str]:
    return [actor.name for actor in response.context["actors"]]


def test_selector_filters_by_departement_and_service(actors):
    assert {a.name for a in local_actors_filter(departement="75")} == {
        "EPN Roquette",
        "Médiathèque Duras",
    }
    assert {a.name for a in local_actors_filter(service="pret-materiel")} == {
        "EPN Roquette",
        "EPN d'Ajaccio",
    }
    assert [a.name for a in local_actors_filter(departement="75", service="pret-materiel")] == [
        "EPN Roquette"
    ]


def test_listing_shows_every_actor_with_the_filter_form(client, listing, actors):
    response = client.get(listing.url)
    assert response.status_code == 200
    assert len(names_in(response)) == 4
    html = response.content.decode()
    assert '<label for="id_departement">Département</label>' in html
    assert '<option value="2A">2A — Corse-du-Sud</option>' in html
    assert '<option value="974">974 — La Réunion</option>' in html
    assert 'role="status"' in html and "4 acteurs trouvés" in html
    assert '<button type="submit" class="button">Filtrer</button>' in html
    # Coordinates only for the one actor that has them, as JSON (no inline script).
    assert 'id="local-actors-markers" type="application/json"' in html
    assert response.context["map_markers"] == [
        {
            "id": f"acteur-{actors['paris'].slug}",
            "name": "EPN Roquette",
            "kind": "Médiathèque",
            "commune": "Paris",
            "lat": 48.8553,
            "lng": 2.3739,
        }
    ]
    assert "<script>" not in html


def test_listing_filters_by_departement(client, listing, actors):
    response = client.get(listing.url, {"departement": "2A"})
    assert names_in(response) == ["EPN d'Ajaccio"]
    assert "1 acteur trouvé" in response.content.decode()


def test_listing_filters_by_service(client, listing, actors):
    response = client.get(listing.url, {"service": "parentalite"})
    assert sorted(names_in(response)) == ["Kaz Numérik", "Médiathèque Duras"]


def test_listing_filters_by_departement_and_service(client, listing, actors):
    response = client.get(listing.url, {"departement": "75", "service": "parentalite"})
    assert names_in(response) == ["Médiathèque Duras"]
    response = client.get(listing.url, {"departement": "2A", "service": "parentalite"})
    assert names_in(response) == []
    assert "Aucun acteur ne correspond à ces filtres." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"departement": "99"},
        {"departement": "<script>"},
        {"service": "inconnu"},
        {"departement": "2A", "service": "inconnu"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_invalid_filter_values_are_ignored_not_fatal(client, listing, actors, query):
    response = client.get(listing.url, query)
    assert response.status_code == 200
    html = response.content.decode()
    if "page" not in query:
        assert "Un filtre demandé n’existe pas : il a été ignoré." in html
    if query == {"departement": "2A", "service": "inconnu"}:
        assert names_in(response) == ["EPN d'Ajaccio"]  # the valid filter still applies
    elif "page" not in query:
        assert len(names_in(response)) == 4


def test_listing_is_paginated_by_twenty_and_keeps_the_filters(client, listing):
    for number in range(25):
        LocalActorFactory(name=f"Médiathèque {number:02d}", postcode="69001", commune="Lyon")
    LocalActorFactory(name="EPN Roquette", postcode="75011", commune="Paris")
    first = client.get(listing.url, {"departement": "69"})
    assert len(names_in(first)) == 20
    html = first.content.decode()
    assert 'aria-label="Pagination des acteurs"' in html
    assert 'href="?departement=69&amp;page=2"' in html
    second = client.get(listing.url, {"departement": "69", "page": "2"})
    assert names_in(second) == [f"Médiathèque {number:02d}" for number in range(20, 25)]
    assert '<span aria-current="page">2</span>' in second.content.decode()


def test_listing_without_actors_has_no_map(client, listing):
    response = client.get(listing.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "local-actors-markers" not in html and "leaflet.js" not in html
    assert "Aucun acteur trouvé" in html


# --- CSV import --------------------------------------------------------------------------


@pytest.fixture
def services(db):
    return [
        LocalServiceFactory(slug="pret-materiel", name="Prêt de matériel"),
        LocalServiceFactory(slug="demarches", name="Accompagnement aux démarches"),
    ]


def write_csv(tmp_path: Path, text: str, *, name="actors.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GOOD_ROWS = [
    'EPN Roquette,epn,12 rue de la Roquette,75011,Paris,,48.8553,2.3739,pret-materiel|Accompagnement aux démarches,parents|enseignants,epn@example.org,01 99 00 00 01,https://epn.example.org/,"Mardi-samedi, 10 h-18 h",Un EPN',
    "Médiathèque de Bastia,Médiathèque,,20200,Bastia,,,,,eleves,,,,,",
]


def test_import_creates_actors_with_services_and_audiences(tmp_path, services):
    path = write_csv(tmp_path, "\n".join([HEADER, *GOOD_ROWS]) + "\n")
    call_command("import_local_actors", str(path), stdout=(out := _Output()))
    assert "2 créé(s), 0 mis à jour, 0 ligne(s) en erreur." in out.text
    epn = LocalActor.objects.get(slug="epn-roquette-paris")
    assert epn.kind == "epn" and epn.departement == "75"
    assert epn.latitude == Decimal("48.855300")
    assert epn.opening_hours == "Mardi-samedi, 10 h-18 h"
    assert sorted(epn.services.values_list("slug", flat=True)) == ["demarches", "pret-materiel"]
    assert sorted(epn.audiences.values_list("slug", flat=True)) == ["enseignants", "parents"]
    bastia = LocalActor.objects.get(slug="mediatheque-de-bastia-bastia")
    assert bastia.kind == "mediatheque" and bastia.departement == "2B"
    assert bastia.latitude is None


BAD_ROWS = [
    (",epn,,75011,Paris,,,,,,,,,,", "nom manquant"),
    ("Le Hangar,bibliotheque,,75011,Paris,,,,,,,,,,", "type inconnu « bibliotheque »"),
    (
        "EPN Nulle Part,epn,,7501,Paris,,,,,,,,,,",
        "« 7501 » n'est pas un code postal français valide",
    ),
    ("EPN Pôle Nord,epn,,75011,Paris,,95.5,2.3,,,,,,,", "latitude"),
    (
        "EPN Flou,epn,,75011,Paris,,quarante-huit,2.3,,,,,,,",
        "latitude non numérique « quarante-huit »",
    ),
    ("EPN Seul,epn,,75011,Paris,,,,,retraites,,,,,", "public(s) inconnu(s) : retraites"),
    ("EPN Magique,epn,,75011,Paris,,,,licornes,,,,,,", "service(s) inconnu(s) : licornes"),
    ("EPN Mail,epn,,75011,Paris,,,,,,pas-une-adresse,,,,", "adresse électronique"),
]


def test_import_with_bad_rows_keeps_good_ones_and_reports_line_and_reason(tmp_path, services):
    lines = [HEADER, GOOD_ROWS[0], *[row for row, _reason in BAD_ROWS], GOOD_ROWS[1]]
    path = write_csv(tmp_path, "\n".join(lines) + "\n")
    out, err = _Output(), _Output()
    with pytest.raises(CommandError) as error:
        call_command("import_local_actors", str(path), stdout=out, stderr=err)
    assert error.value.returncode == 1
    assert "8 lignes n'ont pas été importées." in str(error.value)
    assert "2 créé(s), 0 mis à jour, 8 ligne(s) en erreur." in out.text
    for offset, (_row, reason) in enumerate(BAD_ROWS):
        line = 3 + offset  # header is line 1, the first good row line 2
        report_line = next(r for r in err.text.splitlines() if r.startswith(f"Ligne {line} :"))
        assert reason in report_line, report_line
    assert sorted(LocalActor.objects.values_list("slug", flat=True)) == [
        "epn-roquette-paris",
        "mediatheque-de-bastia-bastia",
    ]
    assert not LocalService.objects.filter(slug="licornes").exists()


def test_import_exit_status_is_non_zero_when_a_row_fails(tmp_path, services):
    path = write_csv(tmp_path, "\n".join([HEADER, GOOD_ROWS[0], BAD_ROWS[0][0]]) + "\n")
    # A CommandError is what makes manage.py exit with status 1.
    with pytest.raises(CommandError):
        call_command("import_local_actors", str(path), stdout=_Output(), stderr=_Output())
    assert LocalActor.objects.filter(slug="epn-roquette-paris").exists()


def test_create_services_option_creates_unknown_services(tmp_path, services):
    path = write_csv(tmp_path, "\n".join([HEADER, BAD_ROWS[6][0]]) + "\n")
    call_command("import_local_actors", str(path), "--create-services", stdout=_Output())
    actor = LocalActor.objects.get(slug="epn-magique-paris")
    assert list(actor.services.values_list("name", flat=True)) == ["licornes"]


def test_reimport_updates_instead_of_duplicating(tmp_path, services):
    path = write_csv(tmp_path, "\n".join([HEADER, *GOOD_ROWS]) + "\n")
    call_command("import_local_actors", str(path), stdout=_Output())
    changed = (
        GOOD_ROWS[0]
        .replace("12 rue de la Roquette", "14 rue de la Roquette")
        .replace("pret-materiel|", "")
    )
    path = write_csv(tmp_path, "\n".join([HEADER, changed, GOOD_ROWS[1]]) + "\n")
    call_command("import_local_actors", str(path), stdout=(out := _Output()))
    assert "0 créé(s), 2 mis à jour, 0 ligne(s) en erreur." in out.text
    assert LocalActor.objects.count() == 2
    epn = LocalActor.objects.get(slug="epn-roquette-paris")
    assert epn.address == "14 rue de la Roquette"
    assert list(epn.services.values_list("slug", flat=True)) == ["demarches"]


def test_import_accepts_semicolons_and_a_bom(tmp_path, services):
    text = "\r\n".join(
        [
            HEADER.replace(",", ";"),
            "EPN Roquette;EPN;12 rue de la Roquette;75011;Paris;;48,8553;2,3739;pret-materiel;parents;;;;;",
            "EPN d'Ajaccio;epn;2 cours Napoléon;20000;Ajaccio;;41,9192;8,7386;;;;;;;",
        ]
    )
    path = write_csv(tmp_path, text, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    call_command("import_local_actors", str(path), stdout=_Output())
    epn = LocalActor.objects.get(slug="epn-roquette-paris")
    assert epn.longitude == Decimal("2.373900")
    assert LocalActor.objects.get(slug="epn-dajaccio-ajaccio").departement == "2A"


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        (
            "nom,type,ville\nEPN,epn,Paris\n",
            "utf-8",
            "colonne(s) obligatoire(s) absente(s) : name, kind, postcode, commune",
        ),
        ("name,kind,commune\nEPN,epn,Paris\n", "utf-8", "absente(s) : postcode"),
        (
            f"{HEADER}\nMédiathèque,mediatheque,,75011,Paris,,,,,,,,,,\n",
            "latin-1",
            "n'est pas encodé en UTF-8",
        ),
        (
            f'{HEADER}\n"EPN Roquette,epn,,75011,Paris\nEPN,epn,,75011,Paris,,,,,,,,,,\n',
            "utf-8",
            "n'est pas un CSV valide",
        ),
        ("", "utf-8", "Le fichier est vide"),
        ("\x00\x01PK binary", "utf-8", "n'est pas un fichier CSV"),
    ],
)
def test_unreadable_file_gives_a_clear_error_and_imports_nothing(
    tmp_path, services, content, encoding, message
):
    path = write_csv(tmp_path, content, encoding=encoding)
    with pytest.raises(CommandError) as error:
        call_command("import_local_actors", str(path), stdout=_Output(), stderr=_Output())
    assert message in str(error.value)
    assert "Rien n'a été importé." in str(error.value)
    assert LocalActor.objects.count() == 0


def test_dry_run_reports_but_writes_nothing(tmp_path, services):
    lines = [HEADER, *GOOD_ROWS, BAD_ROWS[1][0], BAD_ROWS[6][0]]
    path = write_csv(tmp_path, "\n".join(lines) + "\n")
    out, err = _Output(), _Output()
    with pytest.raises(CommandError):
        call_command(
            "import_local_actors",
            str(path),
            "--dry-run",
            "--create-services",
            stdout=out,
            stderr=err,
        )
    assert (
        "Simulation, rien n'a été enregistré : 3 créé(s), 0 mis à jour, 1 ligne(s) en erreur."
        in out.text
    )
    assert "Ligne 4 : type inconnu" in err.text
    assert LocalActor.objects.count() == 0
    assert not LocalService.objects.filter(slug="licornes").exists()


class _Output:
    """A stdout/stderr stand-in whose text the tests read."""

    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def flush(self) -> None:
        pass

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --- Demo content ------------------------------------------------------------------------


def test_demo_has_ten_varied_local_actors_and_loads_twice_without_duplicates(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert LocalActor.objects.count() >= 10
    departements = set(LocalActor.objects.values_list("departement", flat=True))
    assert {"2A", "974"} <= departements and len(departements) >= 5
    assert not LocalActor.objects.filter(latitude__isnull=True).exists()
    assert not LocalActor.objects.filter(services__isnull=True).exists()
    assert NavigationLink.objects.filter(link_page__slug="acteurs-locaux").count() == 1
    html = client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert '<a href="/acteurs-locaux/">Acteurs locaux</a>' in html
    response = client.get("/acteurs-locaux/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert "Acteurs près de chez vous" in response.content.decode()
