"""Editors' admin for certificates: find one by code, revoke it with a reason, restore it.

Editors see the code, the course and the dates, never who holds it: revocation is about
the certificate, and the public verification page does not name the holder either.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from courses.certificates.models import Certificate
from courses.certificates.services import (
    CertificateRefused,
    certificate_restore,
    certificate_revoke,
)

PERMISSION = "courses.revoke_certificate"


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la révocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Affiché sur la page publique de vérification."),
    )


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def certificate_index(request):
    _check(request)
    query = request.GET.get("q", "").strip().upper()
    certificates = Certificate.objects.order_by("-issued_at")
    if query:
        certificates = certificates.filter(code__startswith=query)
    return render(
        request,
        "courses/admin/certificate_index.html",
        {"certificates": certificates[:50], "query": query},
    )


def certificate_detail(request, pk: int):
    _check(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "restore":
                certificate_restore(certificate=certificate, by=request.user)
                messages.success(request, _("Le certificat est de nouveau valide."))
                return redirect("courses_certificate_detail", pk=pk)
            if form.is_valid():
                certificate_revoke(
                    certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Le certificat est révoqué."))
                return redirect("courses_certificate_detail", pk=pk)
        except CertificateRefused as refusal:
            messages.error(request, str(refusal))
    history = ModelLogEntry.objects.for_instance(certificate).select_related("user")
    return render(
        request,
        "courses/admin/certificate_detail.html",
        {"certificate": certificate, "form": form, "history": history},
    )
