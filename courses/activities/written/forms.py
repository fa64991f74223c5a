"""The pupil's writing form and the teacher's marking form; messages in French."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cms.uploads import JPEG, PNG, upload_check
from courses.activities.written.models import WrittenActivity, WrittenSubmission, mark_format

IMAGE_KINDS = (PNG, JPEG)


def text_normalise(text: str) -> str:
    """Browsers send line breaks as CRLF; a line break counts as one character."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Votre texte"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        error_messages={"required": _("Écrivez votre texte avant de le rendre.")},
    )
    image = forms.FileField(
        label=_("Une image (facultatif)"),
        required=False,
        help_text=_("Une image PNG ou JPEG, de 10 Mo au plus."),
        # A plain input: the choice to remove the image is ``remove_image``, in French.
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,.png,.jpg,.jpeg"}),
        error_messages={"empty": _("Le fichier choisi est vide : choisissez une autre image.")},
    )
    remove_image = forms.BooleanField(label=_("Retirer l'image jointe"), required=False)

    def __init__(
        self, *args, activity: WrittenActivity, submission: WrittenSubmission | None = None, **kw
    ):
        if submission is not None:
            kw.setdefault("initial", {"text": submission.text})
        super().__init__(*args, **kw)
        self.activity = activity
        self.fields["text"].help_text = _("Au plus %(max)s caractères.") % {
            "max": number_format(activity.max_characters, force_grouping=True)
        }
        self.fields["text"].widget.attrs["data-max-characters"] = activity.max_characters
        if not activity.image_allowed:
            del self.fields["image"]
        if not activity.image_allowed or not (submission and submission.image):
            del self.fields["remove_image"]

    def clean_text(self) -> str:
        text = text_normalise(self.cleaned_data["text"])
        count, limit = len(text), self.activity.max_characters
        if count > limit:
            raise ValidationError(
                _(
                    "Votre texte compte %(count)s caractères pour %(max)s au plus : "
                    "raccourcissez-le de %(over)s caractères."
                ),
                code="too_long",
                params={
                    "count": number_format(count, force_grouping=True),
                    "max": number_format(limit, force_grouping=True),
                    "over": number_format(count - limit, force_grouping=True),
                },
            )
        return text

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        kind = upload_check(upload=upload)  # its ValidationError speaks to the pupil
        if kind not in IMAGE_KINDS:
            raise ValidationError(
                _("Le fichier « %(name)s » n'est pas une image : joignez une image PNG ou JPEG."),
                code="not_an_image",
                params={"name": upload.name},
            )
        return upload


class MarkForm(forms.Form):
    mark = forms.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal(0),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    comment = forms.CharField(
        label=_("Commentaire pour l'élève"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("L'élève le lit sous son texte, avec sa note."),
    )

    def __init__(self, *args, activity: WrittenActivity, **kwargs):
        super().__init__(*args, **kwargs)
        scale = activity.mark_scale
        field = self.fields["mark"]
        field.label = _("Note sur %(scale)s") % {"scale": scale}
        field.validators.append(MaxValueValidator(Decimal(scale)))
        out_of_range = _("La note doit être comprise entre 0 et %(scale)s.") % {"scale": scale}
        field.error_messages = {
            **field.error_messages,
            "required": _("Indiquez une note avant d'enregistrer la correction."),
            "invalid": _("Indiquez la note en chiffres, par exemple 14 ou 13,5."),
            "min_value": out_of_range,
            "max_value": out_of_range,
            "max_digits": out_of_range,
            "max_whole_digits": out_of_range,
            "max_decimal_places": _("Deux chiffres après la virgule au plus."),
        }
        field.help_text = _("Note à atteindre : %(mark)s sur %(scale)s.") % {
            "mark": mark_format(activity.pass_mark),
            "scale": scale,
        }
