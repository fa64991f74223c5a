"""Login cards for a class roster: A4 pages of ten cards to print and cut out."""

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from courses.classes.services import LoginCard

BLUE = HexColor("#000091")
COLUMNS, ROWS = 2, 5
MARGIN = 28


def _printable(text: str) -> str:
    """Helvetica covers Latin-1: other characters (emoji…) become "?" rather than boxes."""
    return text.encode("latin-1", "replace").decode("latin-1")


def login_cards_pdf(*, cards: Sequence[LoginCard], login_url: str) -> bytes:
    """One card per pupil: first name or pseudonym, username, passphrase, where to sign in.

    Page streams are left uncompressed: the file stays small and its text searchable.
    """
    buffer = io.BytesIO()
    width, height = A4
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    pdf.setTitle(_("Cartes de connexion"))
    pdf.setAuthor("Repères")
    card_width = (width - 2 * MARGIN) / COLUMNS
    card_height = (height - 2 * MARGIN) / ROWS
    per_page = COLUMNS * ROWS
    for index, card in enumerate(cards):
        if index and index % per_page == 0:
            pdf.showPage()
        slot = index % per_page
        x = MARGIN + (slot % COLUMNS) * card_width
        y = height - MARGIN - (slot // COLUMNS + 1) * card_height
        pdf.setStrokeColor(HexColor("#929292"))
        pdf.setDash(4, 3)
        pdf.rect(x, y, card_width, card_height)
        pdf.setDash()
        left, top = x + 16, y + card_height - 26
        pdf.setFillColor(BLUE)
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(left, top, _printable(_("Repères — %(class)s") % {"class": card.classroom}))
        pdf.setFillColor(HexColor("#161616"))
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(left, top - 28, _printable(card.display_name))
        pdf.setFont("Helvetica", 11)
        pdf.drawString(left, top - 52, _printable(_("Identifiant : %(u)s") % {"u": card.username}))
        pdf.drawString(left, top - 70, _printable(_("Mot de passe : %(p)s") % {"p": card.password}))
        pdf.setFont("Helvetica", 9)
        pdf.drawString(left, top - 96, _printable(_("Se connecter : %(url)s") % {"url": login_url}))
        pdf.drawString(
            left,
            top - 110,
            _printable(_("Garde cette carte pour toi : ne la prête pas.")),
        )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
