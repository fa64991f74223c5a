"""``import_content`` support for courses: a minimal published course page."""

from django.utils.translation import gettext as _

from cms.content_import import ContentImporter, ItemError
from courses.models import CoursePage
from courses.structure.services import course_index_ensure


class CourseImporter(ContentImporter):
    page_model = CoursePage

    def get_index_page(self):
        return course_index_ensure(home=self.home_page())

    def apply_fields(self, page, item):
        if "estimated_duration" in item:
            duration = item["estimated_duration"]
            if not isinstance(duration, int) or not 0 < duration < 10_000:
                raise ItemError(_("« estimated_duration » doit être un nombre de minutes"))
            page.estimated_duration = duration
        if "learning_objectives" in item:
            objectives = item["learning_objectives"]
            if not isinstance(objectives, list) or not all(
                isinstance(line, str) for line in objectives
            ):
                raise ItemError(_("« learning_objectives » doit être une liste de textes"))
            page.learning_objectives = "\n".join(objectives)
