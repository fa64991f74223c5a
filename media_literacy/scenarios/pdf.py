"""A scenario as a PDF to print or share: facts, objectives, then each step."""

import io
from xml.sax.saxutils import escape

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer


def _text(html: str) -> str:
    """Rich text as escaped lines for reportlab's paragraph markup."""
    plain = strip_tags(str(html).replace("</p>", "\n").replace("<br>", "\n").replace("</li>", "\n"))
    return "<br/>".join(escape(line.strip()) for line in plain.splitlines() if line.strip())


def scenario_pdf(*, scenario, url: str) -> bytes:
    styles = getSampleStyleSheet()
    blue = HexColor("#000091")
    title = ParagraphStyle("title", parent=styles["Title"], textColor=blue, alignment=0)
    heading = ParagraphStyle("heading", parent=styles["Heading2"], textColor=blue)
    step_heading = ParagraphStyle("step", parent=styles["Heading3"])
    body = styles["BodyText"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=scenario.title,
        author=scenario.author_name,
        pageCompression=0,  # small files; the text stays searchable
    )
    sessions = ngettext(
        "%(count)d séance de %(minutes)d minutes",
        "%(count)d séances de %(minutes)d minutes",
        scenario.sessions,
    ) % {"count": scenario.sessions, "minutes": scenario.session_minutes}
    story = [
        Paragraph(escape(scenario.title), title),
        Paragraph(escape(scenario.summary or ""), body),
        Spacer(1, 6),
        Paragraph(
            escape(f"{sessions} · {scenario.get_equipment_display()} · {scenario.author_name}"),
            body,
        ),
        Paragraph(escape(_("Objectifs d'éducation aux médias")), heading),
        Paragraph(_text(scenario.objectives.replace("\n", "<br>")), body),
    ]
    if scenario.prerequisites:
        story += [
            Paragraph(escape(_("Prérequis")), heading),
            Paragraph(_text(scenario.prerequisites.replace("\n", "<br>")), body),
        ]
    story.append(Paragraph(escape(_("Déroulement")), heading))
    for number, block in enumerate(scenario.steps, start=1):
        step = block.value
        story.append(
            Paragraph(
                escape(
                    _("%(number)d. %(title)s (%(minutes)d min)")
                    % {"number": number, "title": step["title"], "minutes": step["minutes"]}
                ),
                step_heading,
            )
        )
        story.append(Paragraph(_text(step["instructions"].source), body))
        for label, key in (
            (_("Activité des élèves"), "pupil_activity"),
            (_("Conseil"), "teacher_tips"),
        ):
            if step.get(key) and step[key].source:
                story.append(Paragraph(f"<b>{escape(label)}</b> : {_text(step[key].source)}", body))
        if step.get("materials"):
            story.append(
                Paragraph(f"<b>{escape(_('Matériel :'))}</b> {escape(step['materials'])}", body)
            )
    story += [
        Spacer(1, 12),
        Paragraph(escape(f"{_('Licence')} : {scenario.licence} — {url}"), body),
    ]
    document.build(story)
    return buffer.getvalue()
