"""Production écrite: the activity page and the pupils' submissions."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.activities.written.storage import private_storage, submission_image_path
from courses.structure.models import Activity, CompletionRule

__all__ = ["WRITTEN_RULES", "MarkScale", "WrittenActivity", "WrittenSubmission", "mark_format"]

WRITTEN_RULES = (
    CompletionRule.SUBMITTED,
    CompletionRule.MIN_SCORE,
    CompletionRule.PASSED,
    CompletionRule.NONE,
)


def mark_format(value: Decimal | None) -> str:
    """A mark as French readers write it: "14", "13,5", "12,25" (no trailing zeros)."""
    if value is None:
        return ""
    text = format(Decimal(value).quantize(Decimal("0.01")), "f").rstrip("0").rstrip(".")
    return number_format(Decimal(text))


class MarkScale(models.IntegerChoices):
    OUT_OF_20 = 20, _("Note sur 20")
    PERCENT = 100, _("Pourcentage (note sur 100)")


class WrittenActivityForm(WagtailAdminPageForm):
    """Offers editors only the completion rules a written activity supports."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("completion_rule")
        if field is not None:
            field.choices = [(rule.value, rule.label) for rule in WRITTEN_RULES]


class WrittenActivity(Activity):
    """A text the pupil writes (with an image when allowed), read and marked by a teacher.

    The teacher's mark is on ``mark_scale`` (out of 20, or a percentage); ``pass_mark`` on
    the same scale is the mark to reach, and sets the percentages the completion rules
    read (``min_score`` for "note minimale", ``pass_score`` for "réussir").
    """

    instructions = RichTextField(
        verbose_name=_("consigne"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "image"],
    )
    image_allowed = models.BooleanField(
        _("l'élève peut joindre une image"),
        default=False,
        help_text=_("Une image PNG ou JPEG : un dessin, une photo de son brouillon…"),
    )
    max_characters = models.PositiveIntegerField(
        _("longueur maximale (caractères)"),
        default=2000,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    mark_scale = models.PositiveSmallIntegerField(
        _("barème"), choices=MarkScale.choices, default=MarkScale.OUT_OF_20
    )
    pass_mark = models.DecimalField(
        _("note à atteindre"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Sur le barème choisi : 10 pour 10/20, ou 50 pour 50 %."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("instructions"),
        FieldRowPanel([FieldPanel("max_characters"), FieldPanel("image_allowed")]),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("completion_rule"),
                FieldPanel("required"),
                FieldRowPanel([FieldPanel("mark_scale"), FieldPanel("pass_mark")]),
            ],
            heading=_("Achèvement et évaluation"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("instructions")]
    base_form_class = WrittenActivityForm
    template = "courses/written_activity.html"
    page_views = "courses.activities.written.views"

    class Meta:
        verbose_name = _("production écrite")
        verbose_name_plural = _("productions écrites")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new page (never one read from the database, which passes positional values)
        # starts on "rendre son texte": "consulter" is not a rule of this type.
        if not args and "completion_rule" not in kwargs:
            self.completion_rule = CompletionRule.SUBMITTED

    def _sync_scores(self) -> None:
        """The percentages the core's completion rules read, from the pass mark."""
        if self.pass_mark is not None and self.mark_scale:
            percent = (Decimal(self.pass_mark) * 100 / self.mark_scale).quantize(Decimal("0.01"))
            self.pass_score = self.min_score = percent
        self.max_attempts = 0  # one submission, handed in again until it is marked

    def clean(self):
        if self.pass_mark is not None and self.mark_scale and self.pass_mark > self.mark_scale:
            raise ValidationError(
                {
                    "pass_mark": _("La note à atteindre ne peut dépasser %(scale)s.")
                    % {"scale": self.mark_scale}
                }
            )
        self._sync_scores()
        super().clean()

    def save(self, *args, **kwargs):
        self._sync_scores()
        return super().save(*args, **kwargs)

    @property
    def pass_mark_display(self) -> str:
        return mark_format(self.pass_mark)

    @property
    def graded_by_mark(self) -> bool:
        return self.completion_rule in {CompletionRule.MIN_SCORE, CompletionRule.PASSED}

    @path("rendre/", name="submit")
    def submit(self, request):
        return self.page_view("written_submit")(request, activity=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return {**context, **self.page_view("written_context")(request, self)}


class WrittenSubmission(models.Model):
    """A pupil's text for one activity: handed in again until marked, then read-only.

    ``registration`` ties it to its attempt: handing in again and marking update that
    attempt (``courses.completion.services.attempt_record``), never add one.
    """

    activity = models.ForeignKey(
        WrittenActivity, on_delete=models.CASCADE, related_name="submissions"
    )
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="written_submissions"
    )
    text = models.TextField(_("texte"))
    image = models.FileField(
        _("image"),
        storage=private_storage,
        upload_to=submission_image_path,
        max_length=200,
        blank=True,
    )
    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attempt = models.OneToOneField(
        "courses.Attempt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="written_submission",
    )
    submitted_at = models.DateTimeField(_("rendu le"))
    teacher_comment = models.TextField(_("commentaire de l'enseignant"), blank=True)
    mark = models.DecimalField(_("note"), max_digits=5, decimal_places=2, null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corrigé par"),
    )
    marked_at = models.DateTimeField(_("corrigé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("production écrite rendue")
        verbose_name_plural = _("productions écrites rendues")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "pupil"], name="one_written_submission_per_pupil"
            )
        ]

    @property
    def is_marked(self) -> bool:
        return self.marked_at is not None

    @property
    def mark_display(self) -> str:
        return mark_format(self.mark)

    @property
    def passed(self) -> bool | None:
        """Whether the mark reaches the activity's pass mark; None until marked."""
        return None if self.mark is None else self.mark >= self.activity.pass_mark
