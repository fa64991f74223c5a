"""Attachments teachers upload: type read from the content, size, active content, archives.

Every file is built here, byte by byte or with Pillow and zipfile, so each test shows what
it sends.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from cms.uploads import (
    ALLOWED_UPLOAD_KINDS,
    DOCX,
    JPEG,
    ODP,
    ODS,
    ODT,
    PDF,
    PNG,
    PPTX,
    SCAN_CHUNK_BYTES,
    TXT,
    XLSX,
    upload_accept_attribute,
    upload_check,
    upload_max_bytes,
)

MEBIBYTE = 1024 * 1024


@pytest.fixture(autouse=True)
def ten_megabyte_limit(settings):
    settings.REPERES_UPLOAD_MAX_BYTES = 10 * MEBIBYTE


def uploaded(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def assert_accepted(upload, kind) -> None:
    assert upload_check(upload=upload) == kind
    assert upload.tell() == 0


def assert_refused(upload, code: str) -> str:
    """The refusal's message, after checking its code, the file name and the position."""
    with pytest.raises(ValidationError) as caught:
        upload_check(upload=upload)
    assert upload.tell() == 0
    assert caught.value.code == code, caught.value.messages
    message = caught.value.messages[0]
    assert f"« {upload.name} »" in message
    return message


# Files -----------------------------------------------------------------------------------------

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def build_pdf(
    *,
    catalog: bytes = CATALOG,
    extra_objects: tuple[bytes, ...] = (),
    trailer: bytes = b"",
    padding: bytes = b"",
) -> bytes:
    """A minimal valid PDF: one empty A4 page, a cross-reference table that adds up."""
    objects = [
        catalog,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra_objects,
    ]
    content = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + padding)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(content))
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(content)
    content += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        content += b"%010d 00000 n \n" % offset
    content += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(content)


def padded_pdf(*, token: bytes, position: int) -> bytes:
    """A PDF whose only active name ``token`` starts at ``position`` in the file."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Names << " + token + b" 4 0 R >> >>"
    extra = (b"<< /Names [] >>",)
    unpadded = build_pdf(catalog=catalog, extra_objects=extra)
    filler = position - unpadded.index(token) - 2  # a comment line: "%", filler, "\n"
    padding = b"%" + b"x" * filler + b"\n"
    content = build_pdf(catalog=catalog, extra_objects=extra, padding=padding)
    assert content.index(token) == position
    return content


def object_stream(
    objects: dict[int, bytes],
    *,
    keys: bytes = b"/Type /ObjStm",
    filters: bytes = b"/Filter /FlateDecode",
    encode=zlib.compress,
) -> bytes:
    """A PDF 1.5 object stream holding ``objects``, as the body of an indirect object."""
    header = b"".join(b"%d %d " % (number, offset) for number, offset in _offsets(objects))
    data = header + b"".join(body + b"\n" for body in objects.values())
    encoded = encode(data)
    return b"<< %s /N %d /First %d /Length %d %s >>\nstream\n%s\nendstream" % (
        keys,
        len(objects),
        len(header),
        len(encoded),
        filters,
        encoded,
    )


def _offsets(objects: dict[int, bytes]):
    offset = 0
    for number, body in objects.items():
        yield number, offset
        offset += len(body) + 1


def build_image(image_format: str, size=(48, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(buffer, image_format)
    return buffer.getvalue()


def png_claiming_size(width: int, height: int) -> bytes:
    """A small PNG whose header announces other dimensions (its CRC recomputed)."""
    content = bytearray(build_image("PNG"))
    content[16:24] = struct.pack(">II", width, height)
    content[29:33] = struct.pack(">I", zlib.crc32(bytes(content[12:29])))
    return bytes(content)


def build_zip(entries: dict[str, bytes], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries.items()):
            compression = zipfile.ZIP_STORED if stored_first and index == 0 else None
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


OPENDOCUMENT_ROOT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"'
    ' xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"'
    ' xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">'
    "{scripts}<office:body><office:text>{body}</office:text></office:body>"
    "</office:document-content>"
)
# LibreOffice writes an empty <office:scripts/> in every document.
EMPTY_SCRIPTS = "<office:scripts/>"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"'
    ">{encryption}</manifest:file-entry></manifest:manifest>"
)


def build_opendocument(
    *,
    mimetype: str = "application/vnd.oasis.opendocument.text",
    scripts: str = EMPTY_SCRIPTS,
    body: str = "<text:p>Séance 1 : repérer la source d'une image.</text:p>",
    content: bytes | None = None,
    encryption: str = "",
    extra: dict[str, bytes] | None = None,
) -> bytes:
    if content is None:
        content = OPENDOCUMENT_ROOT.format(scripts=scripts, body=body).encode()
    manifest = MANIFEST.format(mimetype=mimetype, encryption=encryption).encode()
    return build_zip(
        {
            "mimetype": mimetype.encode(),
            "content.xml": content,
            "META-INF/manifest.xml": manifest,
            **(extra or {}),
        },
        stored_first=True,
    )


OFFICE_OPEN_XML_MAIN_PARTS = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}


def build_office_open_xml(
    code: str = "docx",
    *,
    main_content_type: str | None = None,
    extra: dict[str, bytes] | None = None,
    extra_types: str = "",
) -> bytes:
    part, content_type = OFFICE_OPEN_XML_MAIN_PARTS[code]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_content_type or content_type}"/>'
        f"{extra_types}</Types>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{part}"/></Relationships>'
    )
    return build_zip(
        {
            "[Content_Types].xml": content_types.encode(),
            "_rels/.rels": relationships.encode(),
            part: b'<?xml version="1.0" encoding="UTF-8"?><document/>',
            **(extra or {}),
        }
    )


def set_zip_flag_bits(content: bytes, flag: int) -> bytes:
    """Sets general purpose flag bits on every entry, local and central headers alike."""
    patched = bytearray(content)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = patched.find(signature)
        while start != -1:
            (bits,) = struct.unpack_from("<H", patched, start + flag_offset)
            struct.pack_into("<H", patched, start + flag_offset, bits | flag)
            start = patched.find(signature, start + 4)
    return bytes(patched)


# Settings and interface --------------------------------------------------------------------


def test_max_bytes_reads_the_setting(settings):
    settings.REPERES_UPLOAD_MAX_BYTES = 1234
    assert upload_max_bytes() == 1234


def test_max_bytes_still_honours_the_former_setting_name(settings):
    settings.REPERES_UPLOAD_MAX_BYTES = 1234
    settings.REPERES_MEDIA_LITERACY_UPLOAD_MAX_BYTES = 4321
    assert upload_max_bytes() == 4321


def test_accept_attribute_lists_every_allowed_extension():
    assert upload_accept_attribute() == (
        ".pdf,.png,.jpg,.jpeg,.odt,.ods,.odp,.docx,.xlsx,.pptx,.txt"
    )


def test_allowed_kinds_have_the_documented_codes():
    assert [kind.code for kind in ALLOWED_UPLOAD_KINDS] == [
        "pdf",
        "png",
        "jpeg",
        "odt",
        "ods",
        "odp",
        "docx",
        "xlsx",
        "pptx",
        "txt",
    ]


# Accepted files ------------------------------------------------------------------------------


def test_minimal_pdf_is_accepted():
    assert_accepted(uploaded("fiche-eleve.pdf", build_pdf()), PDF)


def test_pdf_names_that_only_begin_like_active_ones_are_accepted():
    catalog = b"<< /Type /Catalog /Pages 2 0 R /JSON 1 /Launcher 2 /XFAForm 3 /Javascript 4 >>"
    assert_accepted(uploaded("fiche.pdf", build_pdf(catalog=catalog)), PDF)


def test_pdf_with_outlines_is_accepted():
    # "/First" is also an object stream key: in a plain outline dictionary it is harmless.
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>"
    outlines = (
        b"<< /Type /Outlines /First 5 0 R /Last 5 0 R /Count 1 >>",
        b"<< /Title (Seance 1) /Parent 4 0 R /Dest [3 0 R /Fit] >>",
    )
    assert_accepted(uploaded("fiche.pdf", build_pdf(catalog=catalog, extra_objects=outlines)), PDF)


def test_pdf_with_a_harmless_compressed_object_stream_is_accepted():
    stream = object_stream({5: b"<< /Title (Seance 1) >>", 6: b"<< /Subtype /Link >>"})
    assert_accepted(uploaded("fiche.pdf", build_pdf(extra_objects=(stream,))), PDF)


@pytest.mark.parametrize(
    ("name", "image_format", "kind"),
    [
        ("capture.png", "PNG", PNG),
        ("photo.jpg", "JPEG", JPEG),
        ("photo.jpeg", "JPEG", JPEG),
        ("PHOTO.JPG", "JPEG", JPEG),
    ],
)
def test_images_are_accepted(name, image_format, kind):
    assert_accepted(uploaded(name, build_image(image_format)), kind)


@pytest.mark.parametrize(
    ("name", "mimetype", "kind"),
    [
        ("deroule.odt", "application/vnd.oasis.opendocument.text", ODT),
        ("grille.ods", "application/vnd.oasis.opendocument.spreadsheet", ODS),
        ("diaporama.odp", "application/vnd.oasis.opendocument.presentation", ODP),
    ],
)
def test_opendocument_files_are_accepted(name, mimetype, kind):
    assert_accepted(uploaded(name, build_opendocument(mimetype=mimetype)), kind)


def test_opendocument_presentation_with_slide_navigation_is_accepted():
    body = (
        "<office:event-listeners><presentation:event-listener "
        'script:event-name="dom:click" presentation:action="next-page"/>'
        "</office:event-listeners>"
    )
    content = build_opendocument(
        mimetype="application/vnd.oasis.opendocument.presentation", body=body
    )
    assert_accepted(uploaded("quiz.odp", content), ODP)


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [("deroule.docx", "docx", DOCX), ("grille.xlsx", "xlsx", XLSX), ("cours.pptx", "pptx", PPTX)],
)
def test_office_open_xml_files_are_accepted(name, code, kind):
    assert_accepted(uploaded(name, build_office_open_xml(code)), kind)


@pytest.mark.parametrize(
    "content",
    [
        "Séance 1\tIntroduction\r\nÉtape 2 : débat « vrai ou faux ? »\n".encode(),
        "\ufeffTexte enregistré par le Bloc-notes, avec sa marque d'ordre.".encode(),
    ],
    ids=["accents-tab-crlf", "byte-order-mark"],
)
def test_utf8_text_is_accepted(content):
    assert_accepted(uploaded("consignes.txt", content, "text/plain"), TXT)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("fiche.pdf", build_pdf(), PDF),
        ("capture.png", build_image("PNG"), PNG),
        ("deroule.docx", build_office_open_xml("docx"), DOCX),
        ("deroule.odt", build_opendocument(), ODT),
    ],
)
def test_temporary_uploaded_file_is_checked_and_rewound(name, content, kind):
    upload = TemporaryUploadedFile(name, "application/octet-stream", len(content), None)
    try:
        upload.write(content)
        upload.seek(0)
        assert upload_check(upload=upload) == kind
        assert upload.tell() == 0
        assert upload.read() == content
    finally:
        upload.close()


def test_file_exactly_at_the_limit_is_accepted(settings):
    content = build_pdf()
    settings.REPERES_UPLOAD_MAX_BYTES = len(content)
    assert_accepted(uploaded("fiche.pdf", content), PDF)


def test_browser_content_type_is_ignored():
    assert_accepted(uploaded("fiche.pdf", build_pdf(), "image/png"), PDF)


# Size ----------------------------------------------------------------------------------------


def test_empty_file_is_refused():
    assert_refused(uploaded("vide.pdf", b""), "empty")


class UnreadableFile(io.BytesIO):
    def read(self, *args):
        raise AssertionError("the size must be checked before the content is read")


def test_file_over_the_limit_is_refused_before_reading(settings):
    settings.REPERES_UPLOAD_MAX_BYTES = 3 * MEBIBYTE // 2
    upload = uploaded("gros-fichier.pdf", build_pdf())
    upload.file = UnreadableFile()
    upload.size = 2 * MEBIBYTE
    message = assert_refused(upload, "too_large")
    assert "2 Mo" in message
    assert "1,5 Mo" in message  # French decimal comma


def test_size_just_over_the_limit_does_not_read_as_the_limit():
    upload = uploaded("video.pdf", build_pdf())
    upload.size = 10 * MEBIBYTE + 1
    message = assert_refused(upload, "too_large")
    assert "pèse 10,1 Mo" in message
    assert "est de 10 Mo" in message


def test_file_longer_than_its_announced_size_is_refused(settings):
    content = build_pdf() + b"%" + b"x" * 4 * SCAN_CHUNK_BYTES + b"\n"
    settings.REPERES_UPLOAD_MAX_BYTES = 2 * SCAN_CHUNK_BYTES
    upload = uploaded("fiche.pdf", content)
    upload.size = 100
    assert_refused(upload, "too_large")


# Types ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        (
            "logo.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
            b"<script>alert(1)</script></svg>",
            "image/svg+xml",
        ),
        (
            "cours.pdf",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "application/pdf",
        ),
        ("page.txt", b"  \n<html><body>Bonjour</body></html>", "text/plain"),
        ("outil.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64), ""),
        ("outil.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64), ""),
        ("installer.txt", b"#!/bin/sh\nrm -rf ~\n", "text/plain"),
        ("notes.txt", "Café en Latin-1".encode("latin-1"), "text/plain"),
        ("notes.txt", b"Une sonnerie \x07 dans le texte", "text/plain"),
        ("animation.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
        ("archive.zip", build_zip({"lisez-moi.txt": b"Bonjour"}), "application/zip"),
    ],
    ids=[
        "svg",
        "html-named-pdf",
        "html-named-txt",
        "executable",
        "executable-named-txt",
        "shell-script-named-txt",
        "latin-1-text",
        "control-character",
        "gif",
        "plain-zip",
    ],
)
def test_unsupported_types_are_refused_with_the_accepted_formats(name, content, content_type):
    message = assert_refused(uploaded(name, content, content_type), "unsupported_type")
    assert "document PDF (.pdf)" in message
    assert "image JPEG (.jpg, .jpeg)" in message
    assert "texte brut (.txt)" in message


@pytest.mark.parametrize(
    ("name", "content", "label", "extension"),
    [
        ("photo.png", build_pdf(), "document PDF", ".pdf"),
        ("photo.jpg", build_image("PNG"), "image PNG", ".png"),
        ("deroule.odt", build_office_open_xml("docx"), "document Word", ".docx"),
        ("deroule.docx", build_opendocument(), "texte OpenDocument", ".odt"),
        ("notes.md", b"# Notes\n", "texte brut", ".txt"),
        ("fiche", build_pdf(), "document PDF", ".pdf"),
    ],
    ids=["pdf-as-png", "png-as-jpg", "docx-as-odt", "odt-as-docx", "text-as-md", "no-extension"],
)
def test_extension_must_match_the_content(name, content, label, extension):
    message = assert_refused(uploaded(name, content), "extension_mismatch")
    assert f"« {label} »" in message
    assert extension in message


# PDF active content --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "catalog",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>",
        b"/OpenAction << /S /Launch /F (calc.exe) >>",
        b"/Names << /EmbeddedFiles 4 0 R >>",
        b"/AcroForm << /XFA 4 0 R >>",
        b"/OpenAction << /S /SubmitForm /F (https://example.org) >>",
        b"/OpenAction << /S /ImportData /F (data.fdf) >>",
        b"/Annots [<< /Subtype /RichMedia >>]",
        b"/AA << /O << /JS 4 0 R >> >>",
        b"/Extra << /Type /EmbeddedFile >>",
    ],
    ids=[
        "javascript",
        "launch",
        "embedded-files",
        "xfa",
        "submit-form",
        "import-data",
        "rich-media",
        "js-in-additional-action",
        "embedded-file",
    ],
)
def test_pdf_with_active_content_is_refused(catalog):
    content = build_pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        extra_objects=(b"<< /Names [] >>",),
    )
    assert_refused(uploaded("fiche.pdf", content), "active_content")


def test_pdf_active_content_message_says_what_was_found():
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>"
    content = build_pdf(catalog=catalog, extra_objects=(b"<< /Names [] >>",))
    message = assert_refused(uploaded("fiche.pdf", content), "active_content")
    assert "du JavaScript" in message


@pytest.mark.parametrize("token", [b"/J#61vaScript", b"/#4A#53", b"/Lau#6ech", b"/#58#46#41"])
def test_pdf_with_hex_escaped_active_names_is_refused(token):
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S " + token + b" (x) >> >>"
    assert_refused(uploaded("fiche.pdf", build_pdf(catalog=catalog)), "active_content")


@pytest.mark.parametrize("value", [b" (app.alert(1))", b"<6170702e>", b" 12 0 R", b"\n\t(x)"])
def test_pdf_js_key_with_a_string_or_reference_is_refused(value):
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /JS" + value + b" >> >>"
    assert_refused(uploaded("fiche.pdf", build_pdf(catalog=catalog)), "active_content")


def test_pdf_js_bytes_met_by_chance_in_compressed_data_are_accepted():
    # "/JS" followed by bytes that cannot start a value, as in a compressed image.
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Junk (\x9a/JS\xff\x10/JS]x) >>"
    assert upload_check(upload=uploaded("fiche.pdf", build_pdf(catalog=catalog))).code == "pdf"


@pytest.mark.parametrize(
    ("token", "cut"),
    [
        (token, cut)
        for token in (b"/JavaScript", b"/J#61vaScript", b"/JS")
        for cut in range(1, len(token))
    ],
)
def test_pdf_active_name_cut_by_a_chunk_boundary_is_refused(token, cut):
    # ``cut`` bytes of the name fall in the first piece read, the rest in the second.
    content = padded_pdf(token=token, position=SCAN_CHUNK_BYTES - cut)
    assert_refused(uploaded("fiche.pdf", content), "active_content")


def test_pdf_padded_across_a_chunk_boundary_without_active_names_is_accepted():
    # The control for the test above: the padding alone is not what gets refused.
    content = padded_pdf(token=b"/Javascript", position=SCAN_CHUNK_BYTES - 4)
    assert_accepted(uploaded("fiche.pdf", content), PDF)


def test_pdf_active_name_far_into_the_file_is_refused():
    content = padded_pdf(token=b"/JavaScript", position=3 * SCAN_CHUNK_BYTES + 1000)
    assert_refused(uploaded("fiche.pdf", content), "active_content")


@pytest.mark.parametrize(
    "keys", [b"/Type /ObjStm", b"/Type /Obj#53tm", b""], ids=["typed", "escaped-type", "untyped"]
)
def test_pdf_javascript_hidden_in_a_compressed_object_stream_is_refused(keys):
    stream = object_stream({5: b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"}, keys=keys)
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>"
    content = build_pdf(catalog=catalog, extra_objects=(stream,))
    assert b"JavaScript" not in content
    assert_refused(uploaded("fiche.pdf", content), "active_content")


def test_pdf_javascript_in_an_uncompressed_object_stream_is_refused():
    stream = object_stream({5: b"<< /S /JavaScript >>"}, filters=b"", encode=lambda data: data)
    assert_refused(uploaded("fiche.pdf", build_pdf(extra_objects=(stream,))), "active_content")


def test_pdf_object_stream_behind_a_filter_chain_is_refused():
    stream = object_stream(
        {5: b"<< /S /JavaScript >>"},
        filters=b"/Filter [/FlateDecode /ASCIIHexDecode]",
        encode=lambda data: zlib.compress(data.hex().encode()),
    )
    assert_refused(uploaded("fiche.pdf", build_pdf(extra_objects=(stream,))), "corrupt")


def test_pdf_object_stream_that_does_not_inflate_is_refused():
    stream = object_stream({5: b"<< >>"}, encode=lambda data: b"not zlib at all")
    assert_refused(uploaded("fiche.pdf", build_pdf(extra_objects=(stream,))), "corrupt")


def test_pdf_object_stream_inflating_far_beyond_the_limit_is_refused(settings):
    stream = object_stream({5: b"<< >>" + b" " * 4 * MEBIBYTE})
    content = build_pdf(extra_objects=(stream,))
    settings.REPERES_UPLOAD_MAX_BYTES = 64 * 1024
    assert len(content) < 64 * 1024
    assert_refused(uploaded("fiche.pdf", content), "zip_bomb")


def test_encrypted_pdf_is_refused():
    encrypt = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >>"
    content = build_pdf(extra_objects=(encrypt,), trailer=b"/Encrypt 4 0 R /ID [<01> <01>] ")
    assert "mot de passe" in assert_refused(uploaded("fiche.pdf", content), "encrypted")


# Images --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "image_format"), [("capture.png", "PNG"), ("photo.jpg", "JPEG")])
def test_truncated_image_is_refused(name, image_format):
    content = build_image(image_format, size=(256, 256))
    assert_refused(uploaded(name, content[: len(content) // 2]), "corrupt")


def test_png_with_a_broken_chunk_is_refused():
    content = bytearray(build_image("PNG"))
    content[-20] ^= 0xFF  # inside the image data: its CRC no longer matches
    assert_refused(uploaded("capture.png", bytes(content)), "corrupt")


def test_image_over_40_megapixels_is_refused():
    message = assert_refused(
        uploaded("affiche.png", png_claiming_size(8000, 6000)), "too_large_image"
    )
    assert "48 mégapixels" in message
    assert "40 mégapixels" in message


# Office files --------------------------------------------------------------------------------


def test_docx_with_a_vba_project_is_refused():
    content = build_office_open_xml(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"})
    message = assert_refused(uploaded("deroule.docx", content), "active_content")
    assert "des macros" in message


def test_docx_with_activex_controls_is_refused():
    content = build_office_open_xml(extra={"word/activeX/activeX1.bin": b"\xd0\xcf\x11\xe0"})
    message = assert_refused(uploaded("deroule.docx", content), "active_content")
    assert "ActiveX" in message


@pytest.mark.parametrize(
    "main_content_type",
    [
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        # A character reference hides the word from a byte search, not from an XML parser.
        "application/vnd.ms-word.document.macroEnabl&#101;d.main+xml",
    ],
)
def test_macro_enabled_document_renamed_docx_is_refused(main_content_type):
    content = build_office_open_xml(main_content_type=main_content_type)
    assert_refused(uploaded("deroule.docx", content), "active_content")


def test_vba_project_under_another_name_is_refused():
    content = build_office_open_xml(
        extra={"word/innocent.dat": b"\xd0\xcf\x11\xe0"},
        extra_types='<Override PartName="/word/innocent.dat" '
        'ContentType="application/vnd.ms-office.vbaProject"/>',
    )
    assert_refused(uploaded("deroule.docx", content), "active_content")


@pytest.mark.parametrize(
    "entry", ["Basic/Standard/Module1.xml", "Basic/script-lc.xml", "Scripts/python/run.py"]
)
def test_opendocument_with_macros_is_refused(entry):
    content = build_opendocument(extra={entry: b'<?xml version="1.0"?><module/>'})
    message = assert_refused(uploaded("deroule.odt", content), "active_content")
    assert "des macros" in message


@pytest.mark.parametrize(
    ("scripts", "body", "reason"),
    [
        (
            "<office:scripts><office:event-listeners><script:event-listener "
            'script:language="ooo:script" script:event-name="dom:load" '
            'xlink:href="vnd.sun.star.script:Standard.Module1.Main"/>'
            "</office:event-listeners></office:scripts>",
            "",
            "des macros",
        ),
        (
            '<office:scripts><office:script script:language="ooo:Basic">'
            "</office:script></office:scripts>",
            "",
            "des macros",
        ),
        # Another prefix for the script namespace: the parser is not fooled.
        (
            EMPTY_SCRIPTS,
            '<s:event-listener xmlns:s="urn:oasis:names:tc:opendocument:xmlns:script:1.0"/>',
            "des macros",
        ),
        # A link that runs a macro, spelt with a character reference.
        (
            EMPTY_SCRIPTS,
            '<text:p><text:a xlink:href="&#118;nd.sun.star.script:LibreLogo|LibreLogo.py$run">'
            "Cliquez</text:a></text:p>",
            "des macros",
        ),
        (
            EMPTY_SCRIPTS,
            '<office:event-listeners><presentation:event-listener presentation:action="execute" '
            'script:event-name="dom:click" xlink:href="file:///C:/Windows/calc.exe"/>'
            "</office:event-listeners>",
            "une action qui lance un programme",
        ),
    ],
    ids=[
        "document-event",
        "embedded-basic",
        "other-namespace-prefix",
        "macro-link-with-character-reference",
        "slide-action-runs-a-program",
    ],
)
def test_opendocument_with_scripts_in_its_content_is_refused(scripts, body, reason):
    content = build_opendocument(scripts=scripts, body=body)
    assert reason in assert_refused(uploaded("deroule.odt", content), "active_content")


def test_opendocument_with_a_doctype_is_refused():
    content = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;&lol;">]><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&lol2;'
        b"</office:document-content>"
    )
    assert_refused(uploaded("deroule.odt", build_opendocument(content=content)), "corrupt")


def test_password_protected_opendocument_is_refused():
    content = build_opendocument(
        content=zlib.compress(b"ciphertext") * 3,
        encryption='<manifest:encryption-data manifest:checksum-type="SHA1/1K" '
        'manifest:checksum="AAAA"/>',
    )
    assert_refused(uploaded("deroule.odt", content), "encrypted")


# Archives ------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ["../evil", "word/../../evil", "/etc/cron.d/evil", "C:/evil"])
def test_archive_with_paths_leaving_its_folder_is_refused(entry):
    content = build_office_open_xml(extra={entry: b"x"})
    assert "chemins" in assert_refused(uploaded("deroule.docx", content), "corrupt")


def test_archive_with_an_encrypted_entry_is_refused():
    content = set_zip_flag_bits(build_office_open_xml(), 0x1)
    assert_refused(uploaded("deroule.docx", content), "encrypted")


def test_archive_with_too_many_entries_is_refused():
    entries = {f"word/media/image{index}.png": b"" for index in range(2001)}
    content = build_office_open_xml(extra=entries)
    assert_refused(uploaded("deroule.docx", content), "zip_bomb")


def test_archive_expanding_beyond_twenty_times_the_limit_is_refused(settings):
    content = build_office_open_xml(extra={"word/media/blank.bmp": bytes(2 * MEBIBYTE)})
    settings.REPERES_UPLOAD_MAX_BYTES = 64 * 1024
    assert len(content) < 64 * 1024
    assert_refused(uploaded("deroule.docx", content), "zip_bomb")


def test_truncated_archive_is_refused():
    content = build_office_open_xml()
    assert_refused(uploaded("deroule.docx", content[: len(content) // 2]), "corrupt")


def test_archive_with_a_damaged_entry_is_refused():
    content = bytearray(build_office_open_xml(extra={"word/media/notes.xml": b"Bonjour " * 500}))
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        entry = archive.getinfo("word/media/notes.xml")
    data_start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra)
    content[data_start + entry.compress_size // 2] ^= 0xFF
    assert_refused(uploaded("deroule.docx", bytes(content)), "corrupt")


def test_archive_with_two_entries_of_one_name_is_refused():
    buffer = io.BytesIO(build_office_open_xml())
    with (
        pytest.warns(UserWarning, match="Duplicate name"),
        zipfile.ZipFile(buffer, "a") as archive,
    ):
        archive.writestr("word/document.xml", b"<document/>")
    assert_refused(uploaded("deroule.docx", buffer.getvalue()), "corrupt")
