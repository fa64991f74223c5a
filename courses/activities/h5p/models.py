"""H5P activity: an uploaded package played in a framed page; xAPI results make attempts."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from courses.structure.models import Activity

__all__ = ["H5PActivity", "H5PPackage"]


class H5PActivity(Activity):
    intro = models.TextField(_("consigne"), blank=True)
    package = models.ForeignKey(
        "courses.H5PPackage",
        verbose_name=_("paquet H5P"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    frame_height = models.PositiveSmallIntegerField(_("hauteur du cadre (px)"), default=520)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("package"),
        FieldPanel("frame_height"),
    ]
    template = "courses/h5p_activity.html"

    class Meta:
        app_label = "courses"  # the plugin keeps the tables and migrations it always had
        verbose_name = _("activité H5P")
        verbose_name_plural = _("activités H5P")


class H5PPackage(models.Model):
    """A validated `.h5p` package, extracted once under a content-addressed media path.

    The package is immutable: its files live under ``storage_path`` (derived from the
    SHA-256 of the uploaded file), so uploading the same file again reuses this row.
    Activities point to it with a ForeignKey and play it with ``player_url``.
    """

    class EmbedType(models.TextChoices):
        IFRAME = "iframe", _("iframe")
        DIV = "div", _("div")

    title = models.CharField(_("titre"), max_length=255)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, unique=True, editable=False)
    storage_path = models.CharField(
        _("dossier des fichiers"),
        max_length=255,
        editable=False,
        help_text=_("Chemin relatif au stockage des médias, par exemple h5p/ab/abcd…/"),
    )
    main_library = models.CharField(_("bibliothèque principale"), max_length=255, editable=False)
    main_library_major = models.PositiveSmallIntegerField(_("version majeure"), editable=False)
    main_library_minor = models.PositiveSmallIntegerField(_("version mineure"), editable=False)
    embed_type = models.CharField(
        _("type d'intégration"),
        max_length=10,
        choices=EmbedType.choices,
        default=EmbedType.IFRAME,
        editable=False,
    )
    h5p_json = models.JSONField(_("h5p.json"), editable=False)
    size = models.PositiveBigIntegerField(_("taille du fichier (octets)"), editable=False)
    uploaded_at = models.DateTimeField(_("importé le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        app_label = "courses"  # the plugin keeps the tables and migrations it always had
        verbose_name = _("paquet H5P")
        verbose_name_plural = _("paquets H5P")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def main_library_label(self) -> str:
        """The main library as H5P names it, e.g. ``H5P.MultiChoice 1.16``."""
        return f"{self.main_library} {self.main_library_major}.{self.main_library_minor}"

    @property
    def content_url(self) -> str:
        """URL of the extracted directory (holding ``h5p.json``), without a trailing slash."""
        return default_storage.url(self.storage_path).rstrip("/")

    @property
    def player_url(self) -> str:
        return reverse("courses:h5p_player", kwargs={"pk": self.pk})
