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
