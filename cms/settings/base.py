"""Settings shared by every environment.

Values that differ between machines come from the environment; the defaults are the
embedded ones (SQLite, Wagtail's database search backend) so that a fresh checkout runs.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "cms",
    "media_literacy",
    "courses",
    "courses.activities.lesson",
    "courses.activities.quiz",
    "courses.activities.h5p",
    "courses.activities.resource_link",
    "courses.activities.written",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.roles.roles_context",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: SQLite by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves pages while the task worker writes: readers never wait
    # for writers (WAL), and a transaction takes the write lock when it starts, so two
    # writers queue up (for up to 20 s) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL full-text search features.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/mes-parcours/"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages installed by npm (package-lock.json), served as they are shipped.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail.
WAGTAIL_SITE_NAME = "Repères"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Wagtail's own admin search: database by default, Elasticsearch 8 when configured.
# (The public catalogue search lives in the ``search`` app and has its own settings.)
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "reperes_")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}wagtail_",
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public catalogue search (the ``search`` app): Elasticsearch when a URL is configured,
# the database engine (SQLite FTS5 / PostgreSQL full text) otherwise. The database engine's
# tables are kept in sync in both cases: they answer when Elasticsearch is unreachable.
REPERES_SEARCH_BACKEND = os.environ.get(
    "REPERES_SEARCH_BACKEND",
    "search.backends.elasticsearch.ElasticsearchBackend"
    if ELASTICSEARCH_URL
    else "search.backends.database.DatabaseBackend",
)
REPERES_SEARCH_BACKEND_OPTIONS: dict = {}
# Seconds before each new try of an index update that failed (the last delay repeats).
REPERES_SEARCH_RETRY_DELAYS = [5, 30, 120, 600]
# How long the search page keeps answering from the database engine after Elasticsearch
# failed, before trying it again (seconds).
REPERES_SEARCH_FALLBACK_SECONDS = 30

# Background tasks: Wagtail's own tasks run at once; the catalogue's index updates are
# durable rows in the database, run by ``manage.py db_worker --backend search``.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "search": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["search"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Task runs and page edits are recorded in Wagtail's audit log; the console stays quiet.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Labels reused by the admin and the templates.
REPERES_SITE_TAGLINE = _("Des repères pour grandir avec les médias et en ligne")

# Demo content loaders, run in order by ``manage.py load_demo``.
REPERES_DEMO_LOADERS = [
    "cms.demo.load_cms_demo",
    "courses.demo.load_courses_demo",
    "media_literacy.demo.load_media_literacy_demo",
    "media_literacy.demo.load_local_actors_demo",
    "media_literacy.demo.load_scenarios_demo",
    "courses.demo.load_classroom_demo",
    "search.demo.load_search_demo",
]

# import_content: every kind the JSON format knows, and the importer of each supported one
# (the demo content is loaded through them too, from each app's demo_content/ folder).
REPERES_CONTENT_KINDS = ["campaign", "resource", "course", "scenario", "class"]
REPERES_CONTENT_IMPORTERS = {
    "campaign": "media_literacy.importers.CampaignImporter",
    "resource": "media_literacy.importers.ResourceImporter",
    "course": "courses.importers.CourseImporter",
    "scenario": "media_literacy.scenarios.importers.ScenarioImporter",
    "class": "courses.classes.importers.ClassImporter",
}

# H5P: seconds between two saves of a learner's state (resume where they stopped).
REPERES_COURSES_H5P_SAVE_FREQUENCY = int(os.environ.get("REPERES_COURSES_H5P_SAVE_FREQUENCY", "15"))
# H5P packages: limits of an uploaded archive (files, one file, all files unpacked, and the
# compression ratio past which it is an archive built to exhaust the server).
REPERES_COURSES_H5P_MAX_FILES = 5_000
REPERES_COURSES_H5P_MAX_FILE_SIZE = 100 * 1024 * 1024
REPERES_COURSES_H5P_MAX_UNCOMPRESSED_SIZE = 200 * 1024 * 1024
REPERES_COURSES_H5P_MAX_COMPRESSION_RATIO = 200.0
# Where the H5P player's xAPI bridge posts statements (our LRS).
REPERES_COURSES_XAPI_STATEMENTS_URL = "/xapi/statements"

# Map of local actors: a tile URL template (e.g. "https://tile.example.org/{z}/{x}/{y}.png")
# and its attribution (HTML). Empty means no tiles: markers on a plain background.
REPERES_MAP_TILES_URL = os.environ.get("REPERES_MAP_TILES_URL", "")
REPERES_MAP_TILES_ATTRIBUTION = os.environ.get("REPERES_MAP_TILES_ATTRIBUTION", "")

# Rate limits (join codes) count in the default cache. The embedded default is one process,
# so a local-memory cache counts right; with several processes, production.py uses Redis
# when REDIS_URL is set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_USE_CACHE = "default"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Classes: how long a join code stays open, and how many join attempts are allowed.
REPERES_COURSES_JOIN_CODE_DAYS = int(os.environ.get("REPERES_COURSES_JOIN_CODE_DAYS", "14"))
# A whole class joins from one school address at once: the per-address limit allows it.
REPERES_COURSES_JOIN_RATE_PER_IP = os.environ.get("REPERES_COURSES_JOIN_RATE_PER_IP", "60/10m")
REPERES_COURSES_JOIN_RATE_PER_CODE = os.environ.get("REPERES_COURSES_JOIN_RATE_PER_CODE", "60/10m")
# Archived classes: pupil accounts erased this many days after the class was archived.
REPERES_COURSES_PUPIL_RETENTION_DAYS = int(
    os.environ.get("REPERES_COURSES_PUPIL_RETENTION_DAYS", "365")
)

# "Testé dans N classes" is shown on a scenario from this many classes up, never below.
REPERES_MEDIA_LITERACY_SCENARIO_MIN_CLASSES = 5
# Page types a teacher may link a scenario to from the front-end form (admin: any page).
REPERES_MEDIA_LITERACY_SCENARIO_LINKABLE = ["courses.CoursePage"]
# Largest file a user may upload through cms.uploads (scenario attachments, written work…),
# in bytes; ZIP-based files may expand to 20×. REPERES_MEDIA_LITERACY_UPLOAD_MAX_BYTES, its
# former name, is still honoured (environment or settings module) when set.
REPERES_UPLOAD_MAX_BYTES = int(
    os.environ.get("REPERES_UPLOAD_MAX_BYTES")
    or os.environ.get("REPERES_MEDIA_LITERACY_UPLOAD_MAX_BYTES")
    or str(10 * 1024 * 1024)
)
