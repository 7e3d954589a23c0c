"""Settings for the example: the database comes from DATABASE_URL, which wt sets per worktree."""
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret")
DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", ".localhost"]
INSTALLED_APPS = ["catalog"]
ROOT_URLCONF = "shop.urls"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _database(url):
    # what dj-database-url does, kept to the standard library so the example needs only Django
    u = urlsplit(url)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(u.path.lstrip("/")),
        "USER": unquote(u.username or ""),
        "PASSWORD": unquote(u.password or ""),
        "HOST": u.hostname or "",
        "PORT": str(u.port or ""),
    }


if "DATABASE_URL" not in os.environ:
    # `wt run -- python3 manage.py runserver` and `wt db migrate` set it; a bare shell may not
    for line in (BASE_DIR / ".env").read_text().splitlines() if (BASE_DIR / ".env").exists() else []:
        key, _, value = line.partition("=")
        if key.strip() == "DATABASE_URL":
            os.environ["DATABASE_URL"] = value.strip().strip("'\"")

DATABASES = {"default": _database(os.environ["DATABASE_URL"])}
