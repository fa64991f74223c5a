"""H5P packages: validated with pyh5p, stored once by hash, refused whole, played framed."""

import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.activities.h5p.models import H5PPackage
from courses.activities.h5p.packages import H5PPackageError, h5p_package_store
from tests.courses import h5p_builder
from tests.courses.conftest import media_files

pytestmark = pytest.mark.django_db


def test_valid_package_is_extracted_under_its_content_address(media_root, django_user_model):
    editor = django_user_model.objects.create_user(username="editrice", password="x")
    data = h5p_builder.valid_package()

    package = h5p_package_store(upload=data, user=editor)

    sha256 = hashlib.sha256(data).hexdigest()
    assert package.sha256 == sha256
    assert package.storage_path == f"h5p/{sha256[:2]}/{sha256}/"
    assert package.title == "Question de test"
    assert package.main_library_label == "Reperes.TestQuestion 1.2"
    assert package.embed_type == "iframe"
    assert package.h5p_json["mainLibrary"] == "Reperes.TestQuestion"
    assert package.size == len(data)
    assert package.uploaded_by == editor
    assert package.content_url == f"/media/h5p/{sha256[:2]}/{sha256}"
    directory = media_root / package.storage_path
    assert sorted(
        path.relative_to(directory).as_posix() for path in directory.rglob("*") if path.is_file()
    ) == sorted(h5p_builder.valid_files())
    assert json.loads((directory / "h5p.json").read_text())["title"] == "Question de test"
    # No temporary directory is left next to it.
    assert media_files(media_root) == sorted(
        ["h5p", f"h5p/{sha256[:2]}", f"h5p/{sha256[:2]}/{sha256}"]
        + [f"{package.storage_path}{name}" for name in h5p_builder.valid_files()]
        + [f"{package.storage_path}content", f"{package.storage_path}{h5p_builder.LIBRARY_DIR}"]
        + [
            f"{package.storage_path}{h5p_builder.LIBRARY_DIR}/{folder}"
            for folder in ("scripts", "styles")
        ]
    )


def test_same_file_uploaded_twice_is_stored_once(media_root):
    data = h5p_builder.valid_package()
    first = h5p_package_store(upload=data, title="Premier")
    files_before = media_files(media_root)

    second = h5p_package_store(upload=SimpleUploadedFile("copie.h5p", data), title="Second")

    assert second.pk == first.pk
    assert second.title == "Premier"
    assert H5PPackage.objects.count() == 1
    assert media_files(media_root) == files_before


def test_title_given_by_the_editor_wins(media_root):
    package = h5p_package_store(upload=h5p_builder.valid_package(), title="  Photo retouchée ")
    assert package.title == "Photo retouchée"


REFUSED = {
    "traversal": (
        h5p_builder.with_entry("../evil.js"),
        "Chemin de fichier dangereux dans le paquet : « ../evil.js »",
    ),
    "traversal_inside_path": (
        h5p_builder.with_entry("content/../../evil.js"),
        "Chemin de fichier dangereux dans le paquet : « content/../../evil.js »",
    ),
    "absolute_path": (
        h5p_builder.with_entry("/etc/cron.d/evil.json"),
        "Chemin de fichier dangereux dans le paquet : « /etc/cron.d/evil.json »",
    ),
    "backslashes": (
        h5p_builder.with_entry("content\\..\\..\\evil.js"),
        "Chemin de fichier dangereux dans le paquet : « content\\..\\..\\evil.js »",
    ),
    "zip_bomb_ratio": (
        h5p_builder.zip_bomb(),
        "Bombe de décompression : « content/padding.txt » est compressé plus de 200 fois.",
    ),
    "symlink": (
        h5p_builder.with_symlink(),
        "Le paquet contient un lien symbolique : « content/link.json ».",
    ),
    "php": (
        h5p_builder.with_entry("content/shell.php", b"<?php system($_GET['c']);"),
        "Type de fichier interdit dans le paquet : « content/shell.php ».",
    ),
    "html": (
        h5p_builder.with_entry("content/index.html", b"<script>alert(1)</script>"),
        "Type de fichier interdit dans le paquet : « content/index.html ».",
    ),
    "htm_in_library": (
        h5p_builder.with_entry(f"{h5p_builder.LIBRARY_DIR}/page.htm"),
        f"Type de fichier interdit dans le paquet : « {h5p_builder.LIBRARY_DIR}/page.htm ».",
    ),
    "svgz": (
        h5p_builder.with_entry("content/image.svgz"),
        "Type de fichier interdit dans le paquet : « content/image.svgz ».",
    ),
    "exe": (
        h5p_builder.with_entry("content/setup.exe"),
        "Type de fichier interdit dans le paquet : « content/setup.exe ».",
    ),
    "shell_script": (
        h5p_builder.with_entry("content/run.sh"),
        "Type de fichier interdit dans le paquet : « content/run.sh ».",
    ),
    # pyh5p lets extensionless and hidden files pass; we refuse them.
    "hidden_file": (
        h5p_builder.with_entry("content/.htaccess", b"AddType application/x-httpd-php .json"),
        "Type de fichier interdit dans le paquet : « content/.htaccess ».",
    ),
    "extensionless_file": (
        h5p_builder.with_entry("content/run"),
        "Type de fichier interdit dans le paquet : « content/run ».",
    ),
    "missing_dependency": (
        h5p_builder.missing_dependency(),
        "Bibliothèque(s) absente(s) du paquet : H5P.JoubelUI 1.3.",
    ),
    "missing_main_library": (
        h5p_builder.missing_main_library(),
        "Bibliothèque(s) absente(s) du paquet : Reperes.TestQuestion.",
    ),
    "missing_library_file": (
        h5p_builder.build(
            {
                name: data
                for name, data in h5p_builder.valid_files().items()
                if not name.endswith("question.js")
            }
        ),
        "Fichier(s) déclaré(s) par une bibliothèque mais absent(s) du paquet : "
        f"{h5p_builder.LIBRARY_DIR}/scripts/question.js.",
    ),
    # pyh5p's LibraryStore reads each library.json and refuses an incomplete one.
    "library_json_incomplete": (
        h5p_builder.build(
            {
                **h5p_builder.valid_files(),
                f"{h5p_builder.LIBRARY_DIR}/library.json": json.dumps(
                    {k: v for k, v in h5p_builder.library_json().items() if k != "runnable"}
                ).encode(),
            }
        ),
        "Fichier library.json invalide dans la bibliothèque « Reperes.TestQuestion-1.2 » : "
        "propriété(s) obligatoire(s) absente(s) : runnable.",
    ),
    "h5p_json_not_json": (
        h5p_builder.h5p_json_not_json(),
        "Fichier h5p.json invalide : ce n'est pas un objet JSON lisible (UTF-8).",
    ),
    "h5p_json_not_an_object": (
        h5p_builder.with_h5p_json(b"[]"),
        "Fichier h5p.json invalide : ce n'est pas un objet JSON lisible (UTF-8).",
    ),
    "h5p_json_without_main_library": (
        h5p_builder.h5p_json_without_main_library(),
        "Paquet H5P invalide : h5p.json : la propriété obligatoire « mainLibrary » est absente.",
    ),
    "without_h5p_json": (
        h5p_builder.without_h5p_json(),
        "Fichier h5p.json absent : il doit se trouver à la racine du paquet.",
    ),
    "content_out_of_semantics_range": (
        h5p_builder.with_content(passPercentage=150),
        "Le contenu ne respecte pas la définition (semantics.json) de Reperes.TestQuestion : "
        "$.passPercentage : must be less than or equal to 100.",
    ),
    "content_of_the_wrong_type": (
        h5p_builder.with_content(question=["pas", "un", "texte"]),
        "Le contenu ne respecte pas la définition (semantics.json) de Reperes.TestQuestion : "
        "$.question : expected a string.",
    ),
    "not_a_zip": (
        b"MZ\x90\x00 this is not a zip",
        "Le fichier n'est pas une archive ZIP valide : un paquet .h5p est un ZIP.",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_bad_package_is_refused_with_its_message_and_leaves_nothing(media_root, case):
    data, message = REFUSED[case]

    with pytest.raises(H5PPackageError) as refused:
        h5p_package_store(upload=SimpleUploadedFile("paquet.h5p", data))

    assert str(refused.value).startswith(message)
    assert H5PPackage.objects.count() == 0
    assert media_files(media_root) == []


def test_package_too_big_once_expanded_is_refused(media_root, settings):
    settings.REPERES_COURSES_H5P_MAX_UNCOMPRESSED_SIZE = 1024 * 1024
    data = h5p_builder.oversized(files=4, size=400 * 1024)
    assert len(data) < 1024 * 1024  # small compressed: only the expanded size is too big

    with pytest.raises(H5PPackageError) as refused:
        h5p_package_store(upload=data)

    assert str(refused.value) == (
        "Bombe de décompression : le paquet dépasse 1,0\xa0Mio une fois décompressé."
    )
    assert H5PPackage.objects.count() == 0
    assert media_files(media_root) == []


def test_failure_after_extraction_removes_the_files(media_root, monkeypatch):
    def broken_create(**kwargs):
        raise RuntimeError("database is gone")

    monkeypatch.setattr(H5PPackage.objects, "create", broken_create)

    with pytest.raises(RuntimeError):
        h5p_package_store(upload=h5p_builder.valid_package())

    assert media_files(media_root) == []


def test_library_with_a_non_zero_minor_version_is_recorded_as_such(media_root):
    package = h5p_package_store(upload=h5p_builder.valid_package())
    assert (package.main_library_major, package.main_library_minor) == (1, 2)
    assert (media_root / package.storage_path / "Reperes.TestQuestion-1.2/library.json").is_file()


# --- Admin ----------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(username="admin", password="x")
    client.force_login(admin)
    client.user = admin
    return client


ADD_URL = reverse("wagtailsnippets_courses_h5ppackage:add")


def test_admin_upload_stores_the_package(admin_client, media_root):
    response = admin_client.post(
        ADD_URL,
        {
            "title": "",
            "upload": SimpleUploadedFile("question.h5p", h5p_builder.valid_package()),
        },
    )

    assert response.status_code == 302
    package = H5PPackage.objects.get()
    assert package.title == "Question de test"
    assert package.uploaded_by == admin_client.user
    assert (media_root / package.storage_path / "h5p.json").is_file()


def test_admin_upload_shows_why_a_package_is_refused(admin_client, media_root):
    response = admin_client.post(
        ADD_URL,
        {
            "title": "Piégé",
            "upload": SimpleUploadedFile("piege.h5p", h5p_builder.with_entry("content/x.php")),
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["upload"]
    assert len(errors) == 1
    assert errors[0].startswith("Type de fichier interdit dans le paquet : « content/x.php ».")
    assert "Type de fichier interdit dans le paquet" in response.content.decode()
    assert H5PPackage.objects.count() == 0
    assert media_files(media_root) == []


def test_admin_upload_of_an_already_stored_package_names_it(admin_client, media_root):
    h5p_package_store(upload=h5p_builder.valid_package(), title="Déjà là")

    response = admin_client.post(
        ADD_URL,
        {"title": "", "upload": SimpleUploadedFile("q.h5p", h5p_builder.valid_package())},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["upload"] == [
        "Ce paquet est déjà importé : « Déjà là »."
    ]
    assert H5PPackage.objects.count() == 1


def test_admin_edit_changes_the_title_only(admin_client, media_root):
    package = h5p_package_store(upload=h5p_builder.valid_package())
    edit_url = reverse("wagtailsnippets_courses_h5ppackage:edit", args=[package.pk])

    assert "upload" not in admin_client.get(edit_url).context["form"].fields
    response = admin_client.post(edit_url, {"title": "Nouveau titre"})

    assert response.status_code == 302
    package.refresh_from_db()
    assert package.title == "Nouveau titre"


def test_editor_without_permission_cannot_upload(client, django_user_model, media_root):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="redacteur", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(
        ADD_URL, {"upload": SimpleUploadedFile("q.h5p", h5p_builder.valid_package())}
    )

    assert response.status_code in {302, 403}
    assert H5PPackage.objects.count() == 0


# --- Player ---------------------------------------------------------------------------------


def test_player_page_boots_h5p_standalone_framed_by_our_pages_only(client, media_root):
    package = h5p_package_store(upload=h5p_builder.valid_package())

    response = client.get(f"/h5p/{package.pk}/player/?activity=42")

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "/static/vendor/h5p-standalone/main.bundle.js" in html
    assert "/static/js/h5p-xapi-bridge.js" in html
    assert "<script>" not in html  # configuration through json_script only (CSP)
    config = response.context["config"]
    assert config["player"]["h5pJsonPath"] == package.content_url
    assert config["player"]["frameJs"] == "/static/vendor/h5p-standalone/frame.bundle.js"
    assert config["player"]["frameCss"] == "/static/vendor/h5p-standalone/styles/h5p.css"
    assert config["activity"] == 42
    assert config["tracking"] is False  # anonymous: tried without tracking


def test_player_tracks_signed_in_learners(client, django_user_model, media_root):
    package = h5p_package_store(upload=h5p_builder.valid_package())
    client.force_login(django_user_model.objects.create_user(username="eleve", password="x"))

    config = client.get(package.player_url).context["config"]

    assert config["tracking"] is True
    assert config["activity"] is None
    assert config["csrfToken"]


def test_player_of_an_unknown_package_is_not_found(client, db):
    assert client.get("/h5p/999999/player/").status_code == 404


def test_player_vendor_files_are_found_by_staticfiles():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/h5p-standalone/main.bundle.js")
    assert finders.find("vendor/h5p-standalone/frame.bundle.js")
    assert finders.find("vendor/h5p-standalone/styles/h5p.css")
    assert finders.find("js/h5p-xapi-bridge.js")


def test_import_command_stores_a_package(tmp_path, media_root):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "question.h5p"
    path.write_bytes(h5p_builder.valid_package())
    out = StringIO()

    call_command("h5p_import", str(path), stdout=out)

    assert H5PPackage.objects.get().pk == int(out.getvalue())


def test_import_command_reports_a_refused_package(tmp_path, media_root):
    from django.core.management import CommandError, call_command

    path = tmp_path / "piege.h5p"
    path.write_bytes(h5p_builder.with_symlink())

    with pytest.raises(CommandError, match="lien symbolique.*Rien n'a été importé"):
        call_command("h5p_import", str(path))
    assert media_files(media_root) == []
