"""The written activity type as the course core sees it."""

from decimal import Decimal

from django.utils.translation import gettext as _

from cms.content_import import (
    ItemError,
    check_boolean,
    check_integer,
    check_text,
    paragraphs_from_text,
)
from courses.activities.written import selectors, services
from courses.activities.written.models import WRITTEN_RULES, MarkScale, WrittenActivity
from courses.activity_types import ActivityType, register


def register_type() -> None:

    register(
        ActivityType(
            key="written",
            page_model=WrittenActivity,
            completion_rules=WRITTEN_RULES,
            graded=True,
            urls="courses.activities.written.urls",
            answer_rows=selectors.answer_rows,
            answer_rows_many=selectors.answer_rows_many,
            learner_data=services.learner_data,
            learner_erase=services.learner_erase,
            review_urls=selectors.review_urls,
            from_import=written_from_import,
        )
    )


def written_from_import(*, data: dict) -> dict:
    """A written activity's own fields in an imported course: ``instructions`` (plain
    text), ``image_allowed``, ``max_characters``, ``mark_scale`` (20 or 100) and
    ``pass_mark`` on that scale."""

    fields = {}
    if "instructions" in data:
        fields["instructions"] = "".join(paragraphs_from_text(check_text(data, "instructions")))
    if "image_allowed" in data:
        fields["image_allowed"] = check_boolean(data, "image_allowed")
    if "max_characters" in data:
        fields["max_characters"] = check_integer(data, "max_characters", minimum=50, maximum=20_000)
    scale = MarkScale.OUT_OF_20
    if "mark_scale" in data:
        scale = check_integer(data, "mark_scale", minimum=20, maximum=100)
        if scale not in MarkScale.values:
            raise ItemError(_("« mark_scale » doit valoir 20 ou 100"))
        fields["mark_scale"] = scale
    if "pass_mark" in data:
        fields["pass_mark"] = Decimal(check_integer(data, "pass_mark", minimum=0, maximum=scale))
    return fields
