"""Language selection for the public site."""

from django.conf import settings
from django.utils import translation


class SiteLanguageMiddleware:
    """Activate French unless the visitor explicitly chose another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a French
    public-service site stays in French until the visitor picks English with the
    language switcher (which sets the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
