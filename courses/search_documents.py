"""What courses contribute to the catalogue search."""

from django.utils.translation import gettext_lazy as _

from cms.models import stream_text
from courses.structure.models import CoursePage, Enrolment
from search.registry import register_page_type


def course_search_document(page) -> dict:

    fields = page.taxonomy_search_fields()
    competences = " ".join(competence.name for competence in page.competences.all())
    fields["keywords"] = f"{fields['keywords']} {competences}".strip()
    return {
        "summary": page.summary,
        "body": " ".join(filter(None, [page.learning_objectives, stream_text(page.body)])),
        "popularity": Enrolment.objects.filter(course=page, status=Enrolment.Status.ACTIVE).count(),
        **fields,
    }


def register_with_search() -> None:

    register_page_type(
        CoursePage,
        kind="course",
        label=_("Parcours"),
        to_search_document=course_search_document,
    )
