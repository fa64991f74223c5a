"""The models of the ``courses`` app, gathered for Django; each lives with its domain.

Activity types' models live in their own plugin apps (``courses.activities.<type>``).
"""

from courses.certificates.models import *  # noqa: F403
from courses.classes.models import *  # noqa: F403
from courses.completion.models import *  # noqa: F403
from courses.structure.models import *  # noqa: F403
from courses.xapi.models import *  # noqa: F403
