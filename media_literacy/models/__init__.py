"""Editorial content models, one module per concern."""

from media_literacy.models.campaigns import *  # noqa: F403
from media_literacy.models.local_actors import *  # noqa: F403
from media_literacy.models.resources import *  # noqa: F403
from media_literacy.models.scenarios import *  # noqa: F403
