"""Certificates of completed courses: a PDF for the learner and an Open Badges 3.0 credential.

The public verification page and the badge never carry the learner's name: anyone with
the code can check that the course was completed and when; only the learner (and
staff) can download the PDF that names them.
"""

import hashlib
import io

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from courses.certificates.models import Certificate
from courses.xapi.models import LearnerIdentity

BLUE = HexColor("#000091")


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(_("Certificat — %(course)s") % {"course": certificate.course_title})
    pdf.setAuthor("Repères")
    pdf.setStrokeColor(BLUE)
    pdf.setLineWidth(6)
    pdf.rect(28, 28, width - 56, height - 56)
    pdf.setFillColor(BLUE)
    pdf.setFont("Helvetica-Bold", 34)
    pdf.drawCentredString(width / 2, height - 130, _("Certificat de réussite"))
    pdf.setFillColor(HexColor("#161616"))
    pdf.setFont("Helvetica", 18)
    pdf.drawCentredString(width / 2, height - 200, _("Ce certificat atteste que"))
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(width / 2, height - 245, learner_display_name(certificate.user))
    pdf.setFont("Helvetica", 18)
    pdf.drawCentredString(width / 2, height - 290, _("a terminé le parcours"))
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawCentredString(width / 2, height - 330, certificate.course_title)
    pdf.setFont("Helvetica", 14)
    date = formats.date_format(certificate.issued_at, "j F Y")
    pdf.drawCentredString(width / 2, height - 380, _("le %(date)s sur Repères") % {"date": date})
    pdf.setFont("Helvetica", 11)
    pdf.drawCentredString(
        width / 2,
        70,
        _("Vérification : %(url)s (code %(code)s)") % {"url": verify_url, "code": certificate.code},
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def learner_display_name(user) -> str:
    """A pupil's chosen first name or pseudonym; never a surname they did not give."""
    return user.first_name or user.username


def open_badge(
    *, certificate: Certificate, verify_url: str, course_url: str, site_url: str
) -> dict:
    """An Open Badges 3.0-shaped credential (unsigned) for the completed course."""
    # The learner's pseudonymous xAPI account, hashed with a public salt (OB 3.0 IdentityObject).
    account, _created = LearnerIdentity.objects.get_or_create(user=certificate.user)
    salt = certificate.code
    identity = hashlib.sha256(f"{account.account_name}{salt}".encode()).hexdigest()
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": _("Certificat — %(course)s") % {"course": certificate.course_title},
        "issuer": {"id": site_url, "type": ["Profile"], "name": "Repères"},
        "validFrom": certificate.issued_at.isoformat(),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": f"sha256${identity}",
                    "identityType": "identifier",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": course_url,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.course_title,
                "description": certificate.course.summary if certificate.course else "",
                "criteria": {"narrative": _("Terminer toutes les activités requises du parcours.")},
            },
        },
    }
