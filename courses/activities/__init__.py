"""Built-in activity types; each module defines its page model and registers its type."""

from courses.activities.h5p import *  # noqa: F403
from courses.activities.lesson import *  # noqa: F403
from courses.activities.quiz import *  # noqa: F403
from courses.activities.resource_link import *  # noqa: F403
