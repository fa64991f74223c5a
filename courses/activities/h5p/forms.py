"""Admin forms for learning content."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses.activities.h5p.models import H5PPackage
from courses.activities.h5p.packages import H5PPackageError, h5p_package_check, h5p_package_store


class H5PPackageForm(WagtailAdminModelForm):
    """Upload (when creating) a `.h5p` file, checked on ``clean``; the title may be renamed.

    A stored package is immutable: editing changes its title only. To change its
    content, upload the new version as another package.
    """

    upload = forms.FileField(
        label=_("Fichier .h5p"),
        help_text=_(
            "Un paquet H5P complet, bibliothèques comprises. Il est vérifié avant "
            "d'être enregistré ; rien n'est conservé s'il est refusé."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        model = H5PPackage
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["upload"]
        else:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Laissez vide pour reprendre le titre du paquet.")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            checked = h5p_package_check(data=b"".join(upload.chunks()))
        except H5PPackageError as error:
            raise ValidationError(str(error), code="h5p_refused") from error
        finally:
            upload.seek(0)
        existing = H5PPackage.objects.filter(sha256=checked.sha256).first()
        if existing is not None:
            raise ValidationError(
                _("Ce paquet est déjà importé : « %(title)s »."),
                code="h5p_duplicate",
                params={"title": existing.title},
            )
        return upload

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        try:
            self.instance = h5p_package_store(
                upload=self.cleaned_data["upload"],
                title=self.cleaned_data.get("title") or "",
                user=self.for_user,
            )
        except H5PPackageError as error:  # checked in clean_upload: only a race gets here
            raise ValidationError(str(error)) from error
        return self.instance
