"""H5P packages: checks before anything is stored, atomic extraction, the stored record."""

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pyh5p
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pyh5p.errors import ValidationIssue

from courses.activities.h5p.models import H5PPackage

# H5P core's whitelist (content files plus the library-only "js css"), without "swf":
# Flash is dead and nothing should serve it. "svg" stays, as in H5P: a package already
# runs its own JavaScript on our origin, so an SVG adds no capability its author lacks;
# uploading packages is for trusted editors only. "svgz" (and html, php, exe, sh…) is
# refused: compressed SVG also hides its size from the compression-ratio check.
H5P_ALLOWED_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg webp eot ttf woff woff2 otf webm mp4 ogg mp3 "
    "m4a wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch md "
    "textile vtt webvtt gltf glb js css".split()
)
H5P_STORAGE_PREFIX = "h5p"


class H5PPackageError(Exception):
    """The package is refused; the message, in French, names the problem.

    When it is raised, nothing has been written: neither media files nor database rows.
    """


def h5p_package_limits() -> pyh5p.PackageLimits:
    """The archive limits, from the ``REPERES_COURSES_H5P_MAX_*`` settings."""
    return pyh5p.PackageLimits(
        max_files=settings.REPERES_COURSES_H5P_MAX_FILES,
        max_file_size=settings.REPERES_COURSES_H5P_MAX_FILE_SIZE,
        max_total_size=settings.REPERES_COURSES_H5P_MAX_UNCOMPRESSED_SIZE,
        max_compression_ratio=settings.REPERES_COURSES_H5P_MAX_COMPRESSION_RATIO,
        allowed_extensions=H5P_ALLOWED_EXTENSIONS,
    )


@dataclass(frozen=True)
class CheckedH5PPackage:
    """A package that passed every check, still in memory."""

    package: pyh5p.H5PPackage
    sha256: str
    size: int
    title: str
    main_library: pyh5p.LibraryId
    embed_type: str


def h5p_package_check(*, data: bytes) -> CheckedH5PPackage:
    """Read and validate an `.h5p` file; raise ``H5PPackageError`` if refused.

    pyh5p does the checking, offline (nothing is fetched from the H5P Hub):
    ``read_package`` reads the archive (paths, symlinks, extensions, sizes, compression
    ratio, duplicates, h5p.json and content.json as JSON objects), ``H5PPackage.validate``
    the package (h5p.json's mandatory properties and dependency entries, the main
    library present, media referenced by the content packaged, no stray top-level
    files), ``LibraryStore`` each library.json (mandatory properties, machine name,
    versions) and each library's declared dependencies, ``H5PContent.validate`` the
    content against the main library's packaged ``semantics.json``, nested libraries
    included. We add what it leaves out: hidden and extensionless files, dependencies
    missing from the package, files a library declares but lacks; and French messages.
    """
    limits = h5p_package_limits()
    if len(data) > limits.max_total_size:
        raise H5PPackageError(
            _("Le fichier est trop volumineux (%(size)s ; maximum %(max)s).")
            % {"size": filesizeformat(len(data)), "max": filesizeformat(limits.max_total_size)}
        )
    try:
        package = pyh5p.read_package(data, limits=limits)
    except pyh5p.PackageError as error:
        raise H5PPackageError(_archive_refusal(str(error), limits)) from error
    _check_file_names(package.files)

    issues = package.validate(require_content=True)
    if any(issue.path == "$.h5p.mainLibrary" and issue.keyword == "dependency" for issue in issues):
        raise H5PPackageError(
            _("Bibliothèque(s) absente(s) du paquet : %(libraries)s.")
            % {"libraries": package.metadata["mainLibrary"]}
        )
    problems = [_issue_text(issue) for issue in issues]
    if problems:
        raise H5PPackageError(
            _("Paquet H5P invalide : %(problems)s.") % {"problems": " ; ".join(problems)}
        )
    with tempfile.TemporaryDirectory(prefix="reperes-h5p-") as directory:
        store = _library_store(package, Path(directory))
        main_library = _main_library(package, store)
        _check_dependencies(package, store)
        _check_content(package, store, main_library)
    embed_types = package.metadata.get("embedTypes") or []
    return CheckedH5PPackage(
        package=package,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        title=str(package.metadata.get("title", ""))[:255],
        main_library=main_library,
        embed_type="iframe" if "iframe" in embed_types or not embed_types else "div",
    )


@transaction.atomic
def h5p_package_store(*, upload: File | bytes, title: str = "", user: Any = None) -> H5PPackage:
    """Validate an uploaded `.h5p` file, extract it and record it, or refuse it whole.

    The files go to ``h5p/<sha256[:2]>/<sha256>/`` in the default storage, which must be
    a ``FileSystemStorage`` (the extraction writes to ``default_storage.path()``): they
    are extracted to a temporary directory next to it, then moved into place with one
    atomic rename. Uploading a file already stored returns the existing package.
    Raises ``H5PPackageError`` (nothing written) when the package is refused.
    """
    data = _read_upload(upload)
    sha256 = hashlib.sha256(data).hexdigest()
    existing = H5PPackage.objects.filter(sha256=sha256).first()
    if existing is not None:
        return existing
    checked = h5p_package_check(data=data)
    storage_path = f"{H5P_STORAGE_PREFIX}/{sha256[:2]}/{sha256}/"
    directory, created_directory = _extract_atomically(checked.package, storage_path)
    try:
        with transaction.atomic():
            return H5PPackage.objects.create(
                title=(title.strip() or checked.title or checked.main_library.machine_name)[:255],
                sha256=sha256,
                storage_path=storage_path,
                main_library=checked.main_library.machine_name,
                main_library_major=checked.main_library.major,
                main_library_minor=checked.main_library.minor,
                embed_type=checked.embed_type,
                h5p_json=checked.package.metadata,
                size=checked.size,
                uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError:
        # The same file was stored concurrently: the directory is that upload's too.
        existing = H5PPackage.objects.filter(sha256=sha256).first()
        if existing is None:
            if created_directory:
                _remove_directory(directory)
            raise
        return existing
    except BaseException:
        if created_directory:
            _remove_directory(directory)
        raise


# --- Reading and checking -----------------------------------------------------------------


def _read_upload(upload: File | bytes) -> bytes:
    limits = h5p_package_limits()
    if isinstance(upload, bytes | bytearray):
        return bytes(upload)
    size = getattr(upload, "size", None)
    if size is not None and size > limits.max_total_size:
        raise H5PPackageError(
            _("Le fichier est trop volumineux (%(size)s ; maximum %(max)s).")
            % {"size": filesizeformat(size), "max": filesizeformat(limits.max_total_size)}
        )
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    return data


_MEMBER = r"'(?P<name>(?:[^'\\]|\\.)*)'|\"(?P<dname>(?:[^\"\\]|\\.)*)\""


def _archive_refusal(message: str, limits: pyh5p.PackageLimits) -> str:
    """A French sentence naming the problem pyh5p found in the archive.

    pyh5p's messages are stable in the pinned version (0.1.0); the tests cover each one,
    so a change of wording shows up as a failing test rather than a vague message.
    """
    match = re.search(_MEMBER, message)
    name = ""
    if match:
        name = (match.group("name") or match.group("dname") or "").replace("\\\\", "\\")
    if message.startswith("unsafe archive member path"):
        return _(
            "Chemin de fichier dangereux dans le paquet : « %(name)s » (chemin absolu, "
            "remontée « .. » ou barre oblique inverse)."
        ) % {"name": name}
    if message.startswith("symbolic links are not allowed"):
        return _("Le paquet contient un lien symbolique : « %(name)s ».") % {"name": name}
    if message.startswith("archive member extension is not allowed"):
        return _type_refusal(name)
    if message.startswith("archive member has an unsafe compression ratio"):
        return _("Bombe de décompression : « %(name)s » est compressé plus de %(ratio)s fois.") % {
            "name": name,
            "ratio": int(limits.max_compression_ratio),
        }
    if message.startswith("archive member exceeds size limit"):
        return _("Le fichier « %(name)s » dépasse %(max)s une fois décompressé.") % {
            "name": name,
            "max": filesizeformat(limits.max_file_size),
        }
    if message.startswith("package exceeds total expanded size limit"):
        return _("Bombe de décompression : le paquet dépasse %(max)s une fois décompressé.") % {
            "max": filesizeformat(limits.max_total_size)
        }
    if message.startswith("package contains more than"):
        return _("Le paquet contient trop de fichiers (maximum %(max)s).") % {
            "max": limits.max_files
        }
    if message.startswith("package contains duplicate member"):
        return _("Le paquet contient deux fois le fichier « %(name)s ».") % {"name": name}
    if message.startswith("invalid H5P ZIP archive"):
        return _("Le fichier n'est pas une archive ZIP valide : un paquet .h5p est un ZIP.")
    if message.startswith("H5P package is missing root h5p.json"):
        return _("Fichier h5p.json absent : il doit se trouver à la racine du paquet.")
    if message.startswith("h5p.json"):
        return _("Fichier h5p.json invalide : ce n'est pas un objet JSON lisible (UTF-8).")
    if message.startswith("content/content.json"):
        return _(
            "Fichier content/content.json invalide : ce n'est pas un objet JSON lisible (UTF-8)."
        )
    if message.startswith("invalid library definition in"):
        library = message.rsplit(" ", 1)[-1]
        return _("Fichier library.json invalide dans la bibliothèque « %(library)s ».") % {
            "library": library
        }
    return _("Paquet H5P refusé : %(detail)s") % {"detail": message}


def _type_refusal(name: str) -> str:
    return _(
        "Type de fichier interdit dans le paquet : « %(name)s ». Extensions autorisées : "
        "%(extensions)s."
    ) % {"name": name, "extensions": ", ".join(sorted(H5P_ALLOWED_EXTENSIONS))}


def _check_file_names(names: Iterable[str]) -> None:
    """No file is hidden or without an extension (pyh5p lets both pass; it refuses the
    extensions outside ``H5P_ALLOWED_EXTENSIONS`` itself).

    Hidden files such as ``.htaccess`` could change how a web server treats the
    directory, and an extensionless file gets its type guessed from its content.
    """
    for name in names:
        path = PurePosixPath(name)
        if any(part.startswith(".") for part in path.parts) or not path.suffix:
            raise H5PPackageError(_type_refusal(name))


def _issue_text(issue: Any) -> str:
    """A validation issue from pyh5p, in French where we know its kind."""
    path = str(issue.path)
    if path.startswith("$.h5p."):
        key = path.removeprefix("$.h5p.")
        if issue.keyword == "required":
            return _("h5p.json : la propriété obligatoire « %(key)s » est absente") % {"key": key}
        return _("h5p.json : la propriété « %(key)s » est invalide (%(detail)s)") % {
            "key": key,
            "detail": issue.message,
        }
    if issue.keyword == "asset":
        return _("un média référencé par le contenu est absent du paquet (%(path)s)") % {
            "path": path
        }
    if issue.keyword == "additionalProperties":
        return _("fichier inattendu hors des bibliothèques et de content/ (%(path)s)") % {
            "path": path.removeprefix("$.package.")
        }
    if path == "$.content" and issue.keyword == "required":
        return _("content/content.json est absent")
    return f"{path} : {issue.message}"


def _library_store(package: pyh5p.H5PPackage, directory: Path) -> pyh5p.LibraryStore:
    """A pyh5p store of the packaged libraries, read (and checked) by pyh5p.

    ``LibraryStore`` reads libraries from directories: each library's ``library.json``
    and ``semantics.json`` are written under ``directory`` (a temporary one, never the
    media storage), which is all the store reads.
    """
    for library in package.libraries:
        target = directory / library.id.directory_name
        target.mkdir(exist_ok=True)
        for name in ("library.json", "semantics.json"):
            if name in library.files:
                (target / name).write_bytes(library.files[name])
    store = pyh5p.LibraryStore(directory)
    try:
        store.libraries()
    except pyh5p.PackageError as error:
        raise H5PPackageError(_library_refusal(str(error))) from error
    return store


def _library_refusal(message: str) -> str:
    """A French sentence for pyh5p's refusal of a library.json."""
    match = re.match(
        r"(?:invalid )?library\.json at (.+?)(?: (is missing: .*|must contain .*|has .*))?$",
        message,
    )
    if not match:
        return _("Paquet H5P refusé : %(detail)s") % {"detail": message}
    library = Path(match.group(1)).name
    detail = (match.group(2) or "").strip()
    if detail.startswith("is missing: "):
        return _(
            "Fichier library.json invalide dans la bibliothèque « %(library)s » : "
            "propriété(s) obligatoire(s) absente(s) : %(keys)s."
        ) % {"library": library, "keys": detail.removeprefix("is missing: ")}
    return _("Fichier library.json invalide dans la bibliothèque « %(library)s ».") % {
        "library": library
    }


DEPENDENCY_KINDS = ("preloadedDependencies", "dynamicDependencies")
"""Editor dependencies are left out: players never load them and H5P exports omit them."""


def _declared_dependencies(metadata: Mapping[str, Any]) -> list[pyh5p.Dependency]:
    """h5p.json's or a library.json's dependencies, parsed by pyh5p.

    pyh5p takes a missing version for 0; an entry must name its versions here.
    """
    found = []
    for kind in DEPENDENCY_KINDS:
        for item in metadata.get(kind) or []:
            if not isinstance(item, Mapping):
                continue
            try:
                if "majorVersion" not in item or "minorVersion" not in item:
                    raise ValueError("dependency without its version")
                found.append(pyh5p.Dependency.from_json(item))
            except (TypeError, ValueError) as error:
                raise H5PPackageError(
                    _("Dépendance mal décrite (machineName, majorVersion, minorVersion) : %(item)s")
                    % {"item": dict(item)}
                ) from error
    return found


def _main_library(package: pyh5p.H5PPackage, store: pyh5p.LibraryStore) -> pyh5p.LibraryId:
    """The packaged library h5p.json designates, at the version it depends on."""
    name = package.metadata["mainLibrary"]
    wanted = [
        dependency
        for dependency in _declared_dependencies(package.metadata)
        if dependency.machine_name == name
    ]
    found = []
    for requested in wanted or [name]:
        try:
            found.append(store.get(requested).id)
        except pyh5p.H5PError:
            continue
    if not found:
        raise H5PPackageError(
            _("Bibliothèque(s) absente(s) du paquet : %(libraries)s.") % {"libraries": name}
        )
    return max(found)


def _check_dependencies(package: pyh5p.H5PPackage, store: pyh5p.LibraryStore) -> None:
    """Each dependency h5p.json or a library.json declares is in the package, and each
    file a library preloads too (pyh5p checks neither before playing time)."""
    libraries = store.libraries()
    packaged = {(library.machine_name, library.id.major, library.id.minor) for library in libraries}
    declared = _declared_dependencies(package.metadata)
    for library in libraries:
        declared += _declared_dependencies(library.metadata)
    missing = sorted(
        {
            f"{dependency.machine_name} {dependency.major}.{dependency.minor}"
            for dependency in declared
            if (dependency.machine_name, dependency.major, dependency.minor) not in packaged
        }
    )
    if missing:
        raise H5PPackageError(
            _("Bibliothèque(s) absente(s) du paquet : %(libraries)s.")
            % {"libraries": ", ".join(missing)}
        )
    missing_files = []
    for library in package.libraries:
        for kind in ("preloadedJs", "preloadedCss"):
            for item in library.metadata.get(kind) or []:
                path = item.get("path") if isinstance(item, Mapping) else None
                if not isinstance(path, str) or path not in library.files:
                    missing_files.append(f"{library.id.directory_name}/{path}")
    if missing_files:
        raise H5PPackageError(
            _("Fichier(s) déclaré(s) par une bibliothèque mais absent(s) du paquet : %(files)s.")
            % {"files": ", ".join(sorted(missing_files))}
        )


def _check_content(
    package: pyh5p.H5PPackage, store: pyh5p.LibraryStore, main_library: pyh5p.LibraryId
) -> None:
    """content.json against the semantics of the main library (and nested ones)."""
    content = pyh5p.H5PContent(
        store=store,
        main_library=main_library,
        data=package.content or {},
        metadata=dict(package.metadata),
        packaged_files=package.files,
    )
    try:
        issues = content.validate()
    except (pyh5p.H5PError, ValueError, TypeError) as error:
        issues = [ValidationIssue("$", str(error))]
    if issues:
        raise H5PPackageError(
            _(
                "Le contenu ne respecte pas la définition (semantics.json) de %(library)s : %(problems)s."
            )
            % {
                "library": main_library.machine_name,
                "problems": " ; ".join(_issue_text(issue) for issue in issues[:5]),
            }
        )


# --- Files --------------------------------------------------------------------------------


def _extract_atomically(package: pyh5p.H5PPackage, storage_path: str) -> tuple[Path, bool]:
    """Extract to a temporary sibling directory, then rename it into place.

    Returns the directory and whether this call created it. A directory already there
    is complete (renames are atomic) and identical (its name is the content's hash).
    """
    final = Path(default_storage.path(storage_path))
    if final.is_dir():
        return final, False
    media_root = Path(default_storage.path(""))
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".incoming-", dir=final.parent))
    try:
        package.extract(temporary / "package", limits=h5p_package_limits())
        try:
            os.rename(temporary / "package", final)
        except OSError:
            if not final.is_dir():
                raise
            return final, False  # stored concurrently by the same file's upload
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        _remove_empty_parents(final.parent, stop=media_root)
        raise
    shutil.rmtree(temporary, ignore_errors=True)
    return final, True


def _remove_directory(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    _remove_empty_parents(directory.parent, stop=Path(default_storage.path("")))


def _remove_empty_parents(directory: Path, *, stop: Path) -> None:
    stop = stop.resolve()
    current = directory.resolve()
    while current != stop and stop in current.parents:
        try:
            current.rmdir()
        except OSError:
            return
        current = current.parent
