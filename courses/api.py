"""The public face of ``courses``: what other apps may import.

Other apps never import ``courses`` internals (models' modules, services, selectors);
they use these names, which stay stable when the package is reshaped.
"""

from courses.classes.selectors import classrooms_by_page
from courses.classes.services import AssignableTarget, register_assignable

__all__ = ["AssignableTarget", "classrooms_by_page", "register_assignable"]
