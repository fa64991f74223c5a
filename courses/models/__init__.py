"""Learning models, one module per concern."""

from courses.models.h5p import *  # noqa: F403
