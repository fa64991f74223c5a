"""The resource link activity type as the course core sees it."""

from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from cms.content_import import ItemError, check_text, page_by_reference
from courses.activities.resource_link.models import ResourceLinkActivity
from courses.activity_types import READ_RULES, ActivityType, register


def register_type() -> None:

    register(
        ActivityType(
            key="resource_link",
            page_model=ResourceLinkActivity,
            completion_rules=READ_RULES,
            from_import=resource_link_from_import,
        )
    )


def resource_link_from_import(*, data: dict) -> dict:
    """A resource link's own fields in an imported course: ``intro``, and ``page`` (a
    published page's slug or path) or ``document`` (a document's title)."""
    fields = {}
    if "intro" in data:
        fields["intro"] = check_text(data, "intro")
    if "page" in data:
        fields["linked_page"] = page_by_reference(data["page"], field="page")
    if "document" in data:
        document = get_document_model().objects.filter(title=data["document"]).first()
        if document is None:
            raise ItemError(
                _("« document » : aucun document intitulé « %(title)s »")
                % {"title": data["document"]}
            )
        fields["linked_document"] = document
    return fields
