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


def teacher_user(username: str, school=None):
    """A teacher account (in the teachers' group), attached to ``school`` if given."""
    from django.contrib.auth.models import Group

    from cms.roles import TEACHER_GROUP

    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=TEACHER_GROUP)[0])
    if school is not None:
        school.teachers.add(user)
    return user


def client_for(user):
    """A test client signed in as ``user`` (anonymous for None)."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client
