"""Learning models, one module per concern; activity types live in courses.activities."""

from courses.activities import *  # noqa: E402, F403, I001
from courses.models.h5p import *  # noqa: F403
from courses.models.structure import *  # noqa: F403
from courses.models.tracking import *  # noqa: F403
from courses.models.classes import *  # noqa: F403
