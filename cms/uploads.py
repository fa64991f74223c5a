"""Checks on the files people upload (teachers' scenario attachments, pupils' written
work), before anything is stored. Shared by the content apps; it imports none of them.

The type of a file is read from its content (signature, structure), never from its name or
from the content type the browser sent; the name's extension must then agree with it. Files
that could act on the computer of whoever opens them (PDF JavaScript, Office macros, ActiveX,
OpenDocument scripts) are refused, and so are archives built to exhaust the server.

What this module cannot promise: a document may still carry a link to a dangerous site or
an exploit for a bug in a viewer. Serve attachments with ``Content-Disposition: attachment``
and ``X-Content-Type-Options: nosniff``.
"""

import codecs
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.parsers import expat

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image


@dataclass(frozen=True)
class UploadKind:
    """A file format that may be uploaded, recognised by its content."""

    code: str
    label: str
    extensions: tuple[str, ...]


PDF = UploadKind("pdf", gettext_lazy("document PDF"), (".pdf",))
PNG = UploadKind("png", gettext_lazy("image PNG"), (".png",))
JPEG = UploadKind("jpeg", gettext_lazy("image JPEG"), (".jpg", ".jpeg"))
ODT = UploadKind("odt", gettext_lazy("texte OpenDocument"), (".odt",))
ODS = UploadKind("ods", gettext_lazy("classeur OpenDocument"), (".ods",))
ODP = UploadKind("odp", gettext_lazy("présentation OpenDocument"), (".odp",))
DOCX = UploadKind("docx", gettext_lazy("document Word"), (".docx",))
XLSX = UploadKind("xlsx", gettext_lazy("classeur Excel"), (".xlsx",))
PPTX = UploadKind("pptx", gettext_lazy("présentation PowerPoint"), (".pptx",))
TXT = UploadKind("txt", gettext_lazy("texte brut"), (".txt",))

ALLOWED_UPLOAD_KINDS: tuple[UploadKind, ...] = (
    PDF,
    PNG,
    JPEG,
    ODT,
    ODS,
    ODP,
    DOCX,
    XLSX,
    PPTX,
    TXT,
)

# Files are read in pieces of this size, so that a 10 MB upload never sits whole in memory.
SCAN_CHUNK_BYTES = 64 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 2_000
# Office files compress text well, rarely beyond 10×; past 20× it is an archive built to
# exhaust the server. The same allowance bounds what a PDF's object streams may inflate to.
MAX_EXPANSION_RATIO = 20

_MEGABYTE = 1024 * 1024
_KILOBYTE = 1024


def upload_max_bytes() -> int:
    """The largest file accepted, from ``REPERES_UPLOAD_MAX_BYTES``.

    ``REPERES_MEDIA_LITERACY_UPLOAD_MAX_BYTES``, the setting's name when only scenarios took
    uploads, still wins when a settings module sets it (base.py no longer defines it).
    """
    former = getattr(settings, "REPERES_MEDIA_LITERACY_UPLOAD_MAX_BYTES", None)
    return int(settings.REPERES_UPLOAD_MAX_BYTES if former is None else former)


def upload_accept_attribute() -> str:
    """The extensions to put in ``<input type="file" accept="...">``: a hint, not a check."""
    return ",".join(extension for kind in ALLOWED_UPLOAD_KINDS for extension in kind.extensions)


def upload_check(*, upload: UploadedFile) -> UploadKind:
    """The kind of an uploaded file, or a ValidationError with a message for the uploader.

    The file is left at position 0 either way, ready to be stored.
    """
    name = PurePosixPath(upload.name or "").name or _("sans nom")
    try:
        return _check(upload=upload, name=name)
    finally:
        upload.seek(0)


def _check(*, upload: UploadedFile, name: str) -> UploadKind:
    limit = upload_max_bytes()
    size = upload.size
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size == 0:
        raise ValidationError(
            _("Le fichier « %(name)s » est vide."), code="empty", params={"name": name}
        )
    if size > limit:
        raise ValidationError(
            _(
                "Le fichier « %(name)s » pèse %(size)s : la taille maximale d'un fichier joint "
                "est de %(limit)s. Réduisez sa taille (par exemple en l'exportant en PDF ou en "
                "compressant ses images) puis réessayez."
            ),
            code="too_large",
            params={
                "name": name,
                "size": _file_size(size=size, round_up=True),
                "limit": _file_size(size=limit, round_up=False),
            },
        )

    upload.seek(0)
    head = upload.read(16)
    if head.startswith(b"%PDF-"):
        _check_extension(kind=PDF, name=name)
        _check_pdf(upload=upload, name=name, limit=limit)
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_extension(kind=PNG, name=name)
        _check_image(upload=upload, name=name, kind=PNG)
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        _check_extension(kind=JPEG, name=name)
        _check_image(upload=upload, name=name, kind=JPEG)
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _check_office_package(upload=upload, name=name, limit=limit)
    if _is_plain_text(upload=upload, name=name, limit=limit):
        _check_extension(kind=TXT, name=name)
        return TXT
    raise _unsupported(name=name)


# Messages shared by several checks ---------------------------------------------------------


def _unsupported(*, name: str) -> ValidationError:
    formats = ", ".join(
        f"{kind.label} ({', '.join(kind.extensions)})" for kind in ALLOWED_UPLOAD_KINDS
    )
    return ValidationError(
        _(
            "Le fichier « %(name)s » n'est pas dans un format accepté. "
            "Formats acceptés : %(formats)s."
        ),
        code="unsupported_type",
        params={"name": name, "formats": formats},
    )


def _corrupt(*, name: str) -> ValidationError:
    return ValidationError(
        _(
            "Le fichier « %(name)s » est endommagé ou incomplet : il ne peut pas être lu. "
            "Enregistrez-le à nouveau puis réessayez."
        ),
        code="corrupt",
        params={"name": name},
    )


def _unverifiable(*, name: str) -> ValidationError:
    # Not broken as far as we know, but built in a way we cannot inspect: refused, because
    # what cannot be inspected could hide active content.
    return ValidationError(
        _(
            "Le fichier « %(name)s » n'a pas pu être vérifié : sa structure est inhabituelle. "
            "Enregistrez-le à nouveau (par exemple avec « Imprimer en PDF ») puis réessayez."
        ),
        code="corrupt",
        params={"name": name},
    )


def _encrypted(*, name: str) -> ValidationError:
    return ValidationError(
        _(
            "Le fichier « %(name)s » est protégé par un mot de passe ou chiffré : son contenu "
            "ne peut pas être vérifié. Enregistrez-en une copie sans protection puis réessayez."
        ),
        code="encrypted",
        params={"name": name},
    )


def _expansion_too_large(*, name: str) -> ValidationError:
    return ValidationError(
        _(
            "Le fichier « %(name)s » contient trop de fichiers ou des données qui deviennent "
            "beaucoup trop volumineuses une fois décompressées."
        ),
        code="zip_bomb",
        params={"name": name},
    )


def _active_content(*, name: str, reasons: list[str]) -> ValidationError:
    return ValidationError(
        _(
            "Le fichier « %(name)s » contient %(reasons)s. Ce contenu peut agir sur "
            "l'ordinateur de celles et ceux qui ouvrent le fichier : il n'est pas accepté. "
            "Enregistrez-en une copie sans ce contenu (par exemple en l'exportant en PDF) "
            "puis réessayez."
        ),
        code="active_content",
        params={"name": name, "reasons": get_text_list(sorted(set(reasons)), _("et"))},
    )


def _check_extension(*, kind: UploadKind, name: str) -> None:
    if PurePosixPath(name).suffix.lower() in kind.extensions:
        return
    raise ValidationError(
        _(
            "Le nom du fichier « %(name)s » ne correspond pas à son contenu : c'est en réalité "
            "un fichier de type « %(kind)s ». Son nom doit se terminer par %(extensions)s ; "
            "renommez-le ou choisissez un autre fichier."
        ),
        code="extension_mismatch",
        params={
            "name": name,
            "kind": kind.label,
            "extensions": get_text_list(list(kind.extensions), _("ou")),
        },
    )


def _decimal(*, amount: int, unit: int, round_up: bool) -> str:
    """``amount / unit`` with one decimal at most, in the active language ("1,5", "10")."""
    # Integer arithmetic: 1.1 * 10 is 11.000000000000002 in floating point, which rounds up
    # to 12 tenths.
    tenths = -(-amount * 10 // unit) if round_up else amount * 10 // unit
    if tenths % 10 == 0:
        return number_format(tenths // 10)
    return number_format(tenths / 10, decimal_pos=1)


def _file_size(*, size: int, round_up: bool) -> str:
    # A file just over the limit must not read as the limit itself: sizes round up, limits down.
    if size >= _MEGABYTE:
        return _("%(value)s Mo") % {
            "value": _decimal(amount=size, unit=_MEGABYTE, round_up=round_up)
        }
    if size >= _KILOBYTE:
        return _("%(value)s Ko") % {
            "value": _decimal(amount=size, unit=_KILOBYTE, round_up=round_up)
        }
    return _("%(value)s octets") % {"value": number_format(size)}


def _chunks(*, upload: UploadedFile, name: str, limit: int) -> Iterator[bytes]:
    """The whole file, piece by piece; never more than the limit, whatever ``size`` said."""
    upload.seek(0)
    total = 0
    while chunk := upload.read(SCAN_CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            raise ValidationError(
                _("Le fichier « %(name)s » dépasse la taille maximale de %(limit)s."),
                code="too_large",
                params={"name": name, "limit": _file_size(size=limit, round_up=False)},
            )
        yield chunk


# Plain text ----------------------------------------------------------------------------------

# C0 controls except tab, LF and CR; DEL; C1 controls. None belongs in an uploaded text file;
# NUL in particular is how binaries (and UTF-16, which we do not take) give themselves away.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _is_plain_text(*, upload: UploadedFile, name: str, limit: int) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    start = ""
    try:
        for chunk in _chunks(upload=upload, name=name, limit=limit):
            text = decoder.decode(chunk)
            if _CONTROL_CHARACTER.search(text):
                return False
            if len(start) < 64:
                start += text[:64]
        text = decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    if _CONTROL_CHARACTER.search(text):
        return False
    # Browsers that sniff content read a file starting with markup as HTML or SVG (which
    # run scripts), and one starting with "#!" is a program: neither is a plain text.
    opening = start.lstrip("\ufeff \t\r\n")
    return not opening.startswith(("<", "#!"))


# Images --------------------------------------------------------------------------------------

_IMAGE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, struct.error)


def _check_image(*, upload: UploadedFile, name: str, kind: UploadKind) -> None:
    pillow_format = {"png": "PNG", "jpeg": "JPEG"}[kind.code]
    try:
        upload.seek(0)
        # Only the decoder of the detected format may read the file: no other Pillow plugin
        # gets to parse what was sent.
        with Image.open(upload, formats=[pillow_format]) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _image_too_large(name=name, pixels=width * height)
            image.verify()
        if kind is JPEG:
            # verify() checks little in a JPEG: decoding at 1/8 scale reads every byte
            # (a truncated file fails) for 1/64 of the memory.
            upload.seek(0)
            with Image.open(upload, formats=[pillow_format]) as image:
                image.draft(None, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except Image.DecompressionBombError as error:
        # Pillow's own guard, far above ours, fired while reading the header.
        raise _image_too_large(name=name, pixels=None) from error
    except _IMAGE_ERRORS as error:
        raise _corrupt(name=name) from error


def _image_too_large(*, name: str, pixels: int | None) -> ValidationError:
    limit = _decimal(amount=MAX_IMAGE_PIXELS, unit=1_000_000, round_up=False)
    if pixels is None:
        return ValidationError(
            _(
                "L'image « %(name)s » est trop grande : le maximum est de %(limit)s "
                "mégapixels. Réduisez ses dimensions puis réessayez."
            ),
            code="too_large_image",
            params={"name": name, "limit": limit},
        )
    return ValidationError(
        _(
            "L'image « %(name)s » est trop grande (%(pixels)s mégapixels) : le maximum est de "
            "%(limit)s mégapixels. Réduisez ses dimensions puis réessayez."
        ),
        code="too_large_image",
        params={
            "name": name,
            "pixels": _decimal(amount=pixels, unit=1_000_000, round_up=True),
            "limit": limit,
        },
    )


# PDF -----------------------------------------------------------------------------------------

# A PDF name: a slash, then anything but white space and delimiters (ISO 32000-1, 7.2.2).
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Names longer than this, raw, cannot decode to any name we look for (13 characters at most,
# 3 bytes each when fully escaped): they need not be carried from one piece to the next.
_PDF_NAME_MAX_CARRIED = 64

_PDF_ACTIVE_NAMES = {
    "JavaScript": gettext_lazy("du JavaScript"),
    "JS": gettext_lazy("du JavaScript"),
    "Launch": gettext_lazy("une action qui lance un programme"),
    "EmbeddedFile": gettext_lazy("des fichiers incorporés"),
    "EmbeddedFiles": gettext_lazy("des fichiers incorporés"),
    "RichMedia": gettext_lazy("du contenu multimédia interactif"),
    "XFA": gettext_lazy("un formulaire dynamique (XFA)"),
    "SubmitForm": gettext_lazy("un formulaire qui envoie des données"),
    "ImportData": gettext_lazy("un formulaire qui importe des données"),
}
_PDF_FILTERS = {
    "FlateDecode",
    "Fl",
    "ASCIIHexDecode",
    "AHx",
    "ASCII85Decode",
    "A85",
    "LZWDecode",
    "LZW",
    "RunLengthDecode",
    "RL",
    "CCITTFaxDecode",
    "CCF",
    "JBIG2Decode",
    "DCTDecode",
    "DCT",
    "JPXDecode",
    "Crypt",
}
_PDF_OBJECT_KEYWORD = re.compile(rb"(?<![A-Za-z])obj(?![A-Za-z])")
_PDF_STREAM_OR_END = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)|(?<![A-Za-z])endobj")
# How far before a "/First" or "/ObjStm" key the object may start, and after it its stream
# begin: an object stream dictionary holds a few short entries.
_PDF_DICTIONARY_REACH = 2 * 1024
# Each candidate object stream costs a small read; past this many, the file is refused
# rather than read thousands of times over.
_PDF_MAX_OBJECT_STREAM_CANDIDATES = 5_000


_PDF_VALUE_LOOKAHEAD = 32
_PDF_JS_VALUE = re.compile(rb"[\x00\t\n\x0c\r ]*(?:\(|<|\d)")


def _pdf_js_value_follows(following: bytes) -> bool:
    """Whether a string (literal or hex) or an indirect reference may follow a /JS key;
    when the bytes seen end in white space, the value is unknown: assume it does."""
    if not following.strip(b"\x00\t\n\x0c\r "):
        return True
    return _PDF_JS_VALUE.match(following) is not None


def _pdf_name(*, raw: bytes) -> str:
    """A name as a reader sees it: "#xx" escapes decoded ("J#61vaScript" is "JavaScript")."""
    decoded = _PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), raw)
    return decoded.decode("latin-1")


class _PdfNameScanner:
    """The names met in a byte stream fed piece by piece.

    A name cut by the end of a piece is kept and read again with the next one, so that
    "/JavaS" + "cript" is still found.
    """

    def __init__(self) -> None:
        self.active: list[str] = []
        self.encrypted = False
        # Where "/ObjStm" or "/First" were met: an object stream has both in its dictionary,
        # and some readers do without the first.
        self.object_stream_candidates: list[int] = []
        self._carried = b""
        self._position = 0  # offset of the next byte fed

    def feed(self, data: bytes) -> None:
        buffer = self._carried + data
        buffer_start = self._position - len(self._carried)
        self._position += len(data)
        self._carried = b""
        for match in _PDF_NAME.finditer(buffer):
            if match.end() == len(buffer):
                # The name may go on in the next piece.
                if len(buffer) - match.start() <= _PDF_NAME_MAX_CARRIED:
                    self._carried = buffer[match.start() :]
                return
            self._record(
                match.group(1),
                offset=buffer_start + match.start(),
                following=buffer[match.end() : match.end() + _PDF_VALUE_LOOKAHEAD],
            )

    def close(self) -> None:
        if self._carried:
            match = _PDF_NAME.match(self._carried)
            if match:
                self._record(
                    match.group(1), offset=self._position - len(self._carried), following=b""
                )
            self._carried = b""

    def _record(self, raw: bytes, *, offset: int, following: bytes) -> None:
        name = _pdf_name(raw=raw)
        if name == "JS" and not _pdf_js_value_follows(following):
            # Three bytes turn up by chance in compressed images (about once in 250 MB
            # of random data); a real /JS key is followed by a string or a reference.
            return
        if name in _PDF_ACTIVE_NAMES:
            self.active.append(name)
        elif name == "Encrypt":
            self.encrypted = True
        elif name in {"ObjStm", "First"}:
            self.object_stream_candidates.append(offset)


def _check_pdf(*, upload: UploadedFile, name: str, limit: int) -> None:
    scanner = _PdfNameScanner()
    for chunk in _chunks(upload=upload, name=name, limit=limit):
        scanner.feed(chunk)
    scanner.close()
    _refuse_active_pdf_names(scanner=scanner, name=name)
    # Encryption covers strings and streams, object streams included: what they hold
    # cannot be read, so it cannot be checked.
    if scanner.encrypted:
        raise _encrypted(name=name)
    # Since PDF 1.5 dictionaries (an /OpenAction with its /JavaScript, say) may sit in
    # compressed object streams, where the scan above cannot see them.
    if len(scanner.object_stream_candidates) > _PDF_MAX_OBJECT_STREAM_CANDIDATES:
        raise _unverifiable(name=name)
    budget = MAX_EXPANSION_RATIO * limit
    inflated_streams: set[int] = set()
    for offset in scanner.object_stream_candidates:
        data_start = _pdf_compressed_stream_start(upload=upload, name=name, key_offset=offset)
        if data_start is None or data_start in inflated_streams:
            continue
        inflated_streams.add(data_start)
        inner = _PdfNameScanner()
        budget = _inflate_pdf_stream(
            upload=upload, name=name, data_start=data_start, sink=inner.feed, budget=budget
        )
        inner.close()
        _refuse_active_pdf_names(scanner=inner, name=name)


def _refuse_active_pdf_names(*, scanner: _PdfNameScanner, name: str) -> None:
    if scanner.active:
        raise _active_content(
            name=name, reasons=[str(_PDF_ACTIVE_NAMES[found]) for found in scanner.active]
        )


def _pdf_compressed_stream_start(*, upload: UploadedFile, name: str, key_offset: int) -> int | None:
    """Where the Flate data of the stream whose dictionary holds the key at ``key_offset``
    starts; None when that key is in no stream's dictionary, or the stream is not
    compressed (the scan of the whole file then read it as it is)."""
    window_start = max(0, key_offset - _PDF_DICTIONARY_REACH)
    upload.seek(window_start)
    window = upload.read(key_offset - window_start + _PDF_DICTIONARY_REACH)
    key_in_window = key_offset - window_start
    end = _PDF_STREAM_OR_END.search(window, key_in_window)
    if end is None:
        raise _unverifiable(name=name)
    if end.group().startswith(b"endobj"):
        return None  # an outline's "/First", say: a plain dictionary, already read
    object_starts = list(_PDF_OBJECT_KEYWORD.finditer(window, 0, key_in_window))
    if not object_starts:
        raise _unverifiable(name=name)
    dictionary = window[object_starts[-1].end() : end.start()]
    names = [_pdf_name(raw=match.group(1)) for match in _PDF_NAME.finditer(dictionary)]
    filters = [found for found in names if found in _PDF_FILTERS]
    if not filters and "Filter" not in names:
        return None
    # Flate alone is what every writer uses. A chain of filters or a predictor would leave
    # the inflated bytes encoded still, and the names in them unreadable to us.
    if filters not in (["FlateDecode"], ["Fl"]) or "DecodeParms" in names:
        raise _unverifiable(name=name)
    return window_start + end.end()


def _inflate_pdf_stream(
    *, upload: UploadedFile, name: str, data_start: int, sink: Callable[[bytes], None], budget: int
) -> int:
    """Inflates the Flate stream starting at ``data_start`` into ``sink``; returns what is
    left of the budget of inflated bytes, shared by all the streams of the file."""
    decompressor = zlib.decompressobj()
    upload.seek(data_start)
    try:
        while not decompressor.eof:
            pending = upload.read(SCAN_CHUNK_BYTES)
            if not pending:
                sink(decompressor.flush())
                if not decompressor.eof:
                    raise _corrupt(name=name)
                break
            while pending and not decompressor.eof:
                inflated = decompressor.decompress(pending, SCAN_CHUNK_BYTES)
                pending = decompressor.unconsumed_tail
                budget -= len(inflated)
                if budget < 0:
                    raise _expansion_too_large(name=name)
                sink(inflated)
    except zlib.error as error:
        raise _corrupt(name=name) from error
    return budget


# Office files (ZIP packages) -----------------------------------------------------------------

_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
_OPENDOCUMENT_KINDS = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
    b"application/vnd.oasis.opendocument.presentation": ODP,
}
_OFFICE_OPEN_XML_KINDS = {"word": DOCX, "xl": XLSX, "ppt": PPTX}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def _check_office_package(*, upload: UploadedFile, name: str, limit: int) -> UploadKind:
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except _ZIP_ERRORS as error:
        raise _corrupt(name=name) from error
    with archive:
        entries = archive.infolist()
        # Sizes are those the archive declares; reading an entry stops at its declared size,
        # so the declared total bounds what inflating the whole archive can cost.
        if len(entries) > MAX_ZIP_ENTRIES or (
            sum(entry.file_size for entry in entries) > MAX_EXPANSION_RATIO * limit
        ):
            raise _expansion_too_large(name=name)
        filenames = [entry.filename for entry in entries]
        # Two entries with one name: two programs may each read a different one.
        if len({filename.lower() for filename in filenames}) != len(filenames):
            raise _corrupt(name=name)
        if any(_is_unsafe_entry_name(filename=filename) for filename in filenames):
            raise ValidationError(
                _(
                    "Le fichier « %(name)s » contient des chemins de fichiers interdits : "
                    "il ne peut pas être accepté."
                ),
                code="corrupt",
                params={"name": name},
            )
        if any(entry.flag_bits & 0x1 for entry in entries):
            raise _encrypted(name=name)

        kind = _office_kind(archive=archive, entries=entries, name=name)
        if kind is None:
            raise _unsupported(name=name)
        _check_extension(kind=kind, name=name)
        if kind in _OPENDOCUMENT_KINDS.values():
            _check_opendocument_content(archive=archive, entries=entries, name=name)
        else:
            _check_office_open_xml_content(archive=archive, entries=entries, name=name)
        return kind


def _is_unsafe_entry_name(*, filename: str) -> bool:
    path = filename.replace("\\", "/")
    return (
        path.startswith("/")
        or bool(_WINDOWS_DRIVE.match(path))
        or any(part == ".." for part in path.split("/"))
    )


def _office_kind(
    *, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str
) -> UploadKind | None:
    first = entries[0] if entries else None
    # OpenDocument: the first entry is "mimetype", holding the document's type (ODF 1.2,
    # part 3, 3.3).
    if first is not None and first.filename == "mimetype" and first.file_size <= 100:
        try:
            mimetype = archive.read(first).strip()
        except _ZIP_ERRORS as error:
            raise _corrupt(name=name) from error
        return _OPENDOCUMENT_KINDS.get(mimetype)
    lowered = {entry.filename.lower() for entry in entries}
    if "[content_types].xml" not in lowered:
        return None
    folders = {filename.split("/", 1)[0] for filename in lowered if "/" in filename}
    kinds = [kind for folder, kind in _OFFICE_OPEN_XML_KINDS.items() if folder in folders]
    # Both word/ and xl/ at the top: not something Word or Excel would write.
    return kinds[0] if len(kinds) == 1 else None


def _read_entry(
    *,
    archive: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    name: str,
    sink: Callable[[bytes], None] | None = None,
) -> None:
    """Reads an entry to its end, which also checks its CRC, handing each piece to ``sink``."""
    try:
        with archive.open(entry) as member:
            while chunk := member.read(SCAN_CHUNK_BYTES):
                if sink is not None:
                    sink(chunk)
    except _ZIP_ERRORS as error:
        raise _corrupt(name=name) from error


class _UnsafeXml(Exception):
    """A DOCTYPE: never in an office file, and the way to entity-expansion attacks."""


def _xml_parser() -> expat.XMLParserType:
    """A namespace-aware expat parser that refuses any DOCTYPE (hence any entity)."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse_doctype(*args: object) -> None:
        raise _UnsafeXml

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    return parser


def _parse_xml_entry(
    *,
    archive: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    name: str,
    start_element: Callable[[str, dict[str, str]], None],
) -> None:
    # Parsed rather than searched: namespace prefixes are free ("<s:event-listener>") and
    # attribute values may be written with character references ("&#118;nd.sun.star...").
    parser = _xml_parser()
    parser.StartElementHandler = start_element
    try:
        _read_entry(
            archive=archive, entry=entry, name=name, sink=lambda chunk: parser.Parse(chunk, False)
        )
        parser.Parse(b"", True)
    except (expat.ExpatError, _UnsafeXml) as error:
        raise _corrupt(name=name) from error


_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SCRIPT_NS = "urn:oasis:names:tc:opendocument:xmlns:script:1.0"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_PRESENTATION_NS = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
_MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
# URLs that run a macro when a link is followed, an event fires or a key is pressed.
_MACRO_URL_PREFIXES = ("vnd.sun.star.script:", "macro:")
_MACROS = gettext_lazy("des macros")


def _check_opendocument_content(
    *, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str
) -> None:
    reasons: list[str] = []
    encrypted = False

    def start_element(element: str, attributes: dict[str, str]) -> None:
        nonlocal encrypted
        namespace, _separator, local = element.rpartition(" ")
        # LibreOffice writes an empty <office:scripts/> in every document: the container is
        # harmless, what it may hold (office:script, script:event-listener) is not.
        if namespace == _SCRIPT_NS or (namespace, local) in {
            (_OFFICE_NS, "script"),
            (_TEXT_NS, "script"),
        }:
            reasons.append(str(_MACROS))
        elif (namespace, local) == (_PRESENTATION_NS, "event-listener") and (
            attributes.get(f"{_PRESENTATION_NS} action") == "execute"
        ):
            reasons.append(_("une action qui lance un programme"))
        elif (namespace, local) == (_MANIFEST_NS, "encryption-data"):
            encrypted = True
        if any(
            value.strip().lower().startswith(_MACRO_URL_PREFIXES) for value in attributes.values()
        ):
            reasons.append(str(_MACROS))

    # The manifest comes first: in a password-protected document the other XML entries are
    # ciphertext, and "protected" says more than "damaged".
    ordered = sorted(entries, key=lambda entry: entry.filename != "META-INF/manifest.xml")
    for entry in ordered:
        top_folder = entry.filename.split("/", 1)[0].lower()
        if top_folder in {"basic", "scripts"}:
            raise _active_content(name=name, reasons=[str(_MACROS)])
        if entry.filename.lower().endswith(".xml"):
            _parse_xml_entry(archive=archive, entry=entry, name=name, start_element=start_element)
        else:
            _read_entry(archive=archive, entry=entry, name=name)
        if encrypted:
            raise _encrypted(name=name)
        if reasons:
            raise _active_content(name=name, reasons=reasons)


def _check_office_open_xml_content(
    *, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str
) -> None:
    reasons: list[str] = []

    def start_element(element: str, attributes: dict[str, str]) -> None:
        content_type = attributes.get("ContentType", "").lower()
        # .docm/.xlsm/.pptm main parts, and the VBA project whatever its file is called.
        if "macroenabled" in content_type or "vbaproject" in content_type:
            reasons.append(str(_MACROS))

    for entry in entries:
        parts = entry.filename.lower().split("/")
        if parts[-1] == "vbaproject.bin":
            raise _active_content(name=name, reasons=[str(_MACROS)])
        if "activex" in parts[:-1] and parts[-1].endswith(".bin"):
            raise _active_content(name=name, reasons=[_("des contrôles ActiveX")])
        if entry.filename.lower() == "[content_types].xml":
            _parse_xml_entry(archive=archive, entry=entry, name=name, start_element=start_element)
            if reasons:
                raise _active_content(name=name, reasons=reasons)
        else:
            _read_entry(archive=archive, entry=entry, name=name)
