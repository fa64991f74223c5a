"""Every app's factories in one place for the tests (the apps own their definitions)."""

from cms.factories import (  # noqa: F401
    AudienceFactory,
    HomePageFactory,
    ImageFactory,
    LevelFactory,
    StandardPageFactory,
    ThemeFactory,
    UserFactory,
)
from media_literacy.factories import (  # noqa: F401
    LocalActorFactory,
    LocalActorIndexPageFactory,
    LocalServiceFactory,
)


def assign(classroom, teacher, page, **fields):
    """Give ``page`` to the class, open now and due tomorrow unless told otherwise."""
    from datetime import timedelta

    from django.utils import timezone

    from courses.classes.services import assignment_create

    now = timezone.now()
    dates = {"opens_at": now, "due_at": now + timedelta(days=1)}
    return assignment_create(classroom=classroom, teacher=teacher, page=page, **{**dates, **fields})
