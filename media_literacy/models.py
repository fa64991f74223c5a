"""The models Django loads for ``media_literacy``: each domain's, under one app label."""

from media_literacy.campaigns.models import *  # noqa: F403
from media_literacy.local_actors.models import *  # noqa: F403
from media_literacy.resources.models import *  # noqa: F403
from media_literacy.scenarios.models import *  # noqa: F403
