"""The LRS's statements endpoint (thin: parse, store, answer)."""

import json
import uuid

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.xapi.models import XapiStatement
from courses.xapi.statements import (
    XAPI_VERSION,
    StatementError,
    statements_parse,
    statements_store,
)

VERSION_HEADER = "X-Experience-API-Version"


def _xapi_error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response[VERSION_HEADER] = XAPI_VERSION
    return response


@require_http_methods(["GET", "POST", "PUT"])
def xapi_statements(request):
    """POST one statement or a list; PUT one with ?statementId=; GET own by ?statementId=."""
    if not request.user.is_authenticated:
        return _xapi_error(_("Connectez-vous pour enregistrer votre progression."), 401)
    if not request.headers.get(VERSION_HEADER, "").startswith("1.0"):
        return _xapi_error(_("En-tête X-Experience-API-Version 1.0.x manquant."), 400)
    if request.method == "GET":
        return _statement_get(request)
    try:
        payload = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _xapi_error(_("Le corps de la requête n'est pas du JSON valide."), 400)
    try:
        statements = statements_parse(payload)
        if request.method == "PUT":
            statement_id = _statement_id_param(request)
            if len(statements) != 1 or isinstance(payload, list):
                raise StatementError(_("PUT attend une seule déclaration."))
            if statements[0].id not in (None, statement_id):
                raise StatementError(_("L'identifiant du corps diffère de statementId."))
            statements[0].id = statement_id
        ids = statements_store(
            user=request.user, statements=statements, home_page=request.build_absolute_uri("/")
        )
    except StatementError as error:
        return _xapi_error(str(error), error.status)
    if request.method == "PUT":
        response = HttpResponse(status=204)
    else:
        response = JsonResponse([str(i) for i in ids], safe=False, status=200)
    response[VERSION_HEADER] = XAPI_VERSION
    return response


def _statement_id_param(request) -> uuid.UUID:
    try:
        return uuid.UUID(request.GET.get("statementId", ""))
    except ValueError:
        raise StatementError(_("Paramètre statementId manquant ou invalide.")) from None


def _statement_get(request):
    try:
        statement_id = _statement_id_param(request)
    except StatementError as error:
        return _xapi_error(str(error), 400)
    statement = XapiStatement.objects.filter(statement_id=statement_id, user=request.user).first()
    if statement is None:  # another learner's statement is as absent as a missing one
        return _xapi_error(_("Déclaration introuvable."), 404)
    response = JsonResponse(statement.payload)
    response[VERSION_HEADER] = XAPI_VERSION
    return response
