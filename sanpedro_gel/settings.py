"""Configuración del Portal GEL de San Pedro de los Milagros.

Todo se lee de variables de entorno (ver `.env.example` y la tabla del README).
Sin ninguna variable, el portal corre «embebido»: SQLite bajo `var/`, tareas de
Celery en línea, caché en memoria y correos a archivos bajo `var/correo/`.
"""

import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from kombu import Exchange, Queue

from sanpedro_gel.env import (
    clave_local,
    env_bool,
    env_int,
    env_list,
    env_str,
    load_dotenv,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

load_dotenv(BASE_DIR / ".env")

# --- Núcleo -----------------------------------------------------------------

# URL pública del portal: enlaces en correos, PDF y códigos QR. `make run` la
# arma con HOST y PORT si no está definida.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# Embebido: el portal de `make run`, por http en esta máquina, sin más
# configuración. En producción PORTAL_URL es https y se exige lo que un
# despliegue necesita (clave secreta, cookies seguras, HSTS…).
EMBEBIDO = env_bool("PORTAL_EMBEBIDO", not PORTAL_URL.startswith("https://"))

# Las páginas técnicas de Django (errores en inglés con la lista de URL) solo
# con DJANGO_DEBUG=true explícito: sin él, el ciudadano ve las páginas del portal.
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not EMBEBIDO:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY es obligatoria en producción (PORTAL_URL con https). "
            "Genérela con: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = clave_local(VAR_DIR / "clave-secreta")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    list(
        dict.fromkeys(
            [urlsplit(PORTAL_URL).hostname, "127.0.0.1", "localhost", "[::1]"]
        )
    ),
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# La dirección con que `make run` sirve el portal; si no coincide con
# PORTAL_URL, una comprobación al arrancar lo advierte.
PORTAL_SERVIDO = env_str("PORTAL_SERVIDO").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "axes",
    "simple_history",
    "sanpedro_gel",
    "tramites",
    "comunicaciones",
    "capacitacion",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy en cada respuesta (ver «Seguridad»).
    "csp.middleware.CSPMiddleware",
    # Archivos estáticos desde el mismo proceso (gunicorn o `make run`), con
    # caché larga y compresión; nginx puede servirlos delante igual.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Guarda en la sesión la etiqueta ?origen= de los enlaces de campaña.
    "tramites.middleware.OrigenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware va de último: convierte un bloqueo en la página en español.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sanpedro_gel.urls"
WSGI_APPLICATION = "sanpedro_gel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sanpedro_gel.context_processors.portal",
            ],
        },
    },
]

# --- Base de datos ------------------------------------------------------------

if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if EMBEBIDO else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # El portal embebido tiene dos procesos (servidor y trabajos periódicos):
    # WAL y transacciones IMMEDIATE evitan «database is locked» al escribir a la vez.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cuentas ------------------------------------------------------------------

AUTH_USER_MODEL = "sanpedro_gel.Usuario"

AUTHENTICATION_BACKENDS = [
    # Axes primero: rechaza el intento antes de tocar la contraseña.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

_VALIDADORES = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDADORES}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDADORES}.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": f"{_VALIDADORES}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDADORES}.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cuenta"
LOGOUT_REDIRECT_URL = "inicio"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# El bloqueo por intentos fallidos lo lleva django-axes, que cubre también el
# admin; el límite propio de allauth lo ocultaría con otro mensaje.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(PORTAL_URL).scheme or "https"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTOS", 15))
# Se cuentan por separado los fallos de una cuenta (desde cualquier IP) y los de
# una IP (contra cualquier cuenta): ni adivinar una clave ni barrer cuentas.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "sanpedro_gel.cuentas.usuario_del_intento"
AXES_LOCKOUT_TEMPLATE = "cuenta_bloqueada.html"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
# Detrás de nginx la IP real del cliente llega en X-Forwarded-For, y solo se le
# cree si la conexión viene de uno de estos proxies (direcciones o redes). Una
# sola función da la IP a axes, a allauth, a los límites del portal y a los
# registros de descargas.
PROXIES_CONFIABLES = env_list(
    "PROXIES_CONFIABLES", [] if EMBEBIDO else ["127.0.0.1", "::1"]
)
AXES_CLIENT_IP_CALLABLE = "sanpedro_gel.peticiones.ip_del_cliente"
ACCOUNT_ADAPTER = "sanpedro_gel.cuentas.AdaptadorDeCuentas"

# --- Idioma, hora, formatos -----------------------------------------------------

LANGUAGE_CODE = "es-co"
LANGUAGES = [("es-co", "Español (Colombia)")]
TIME_ZONE = "America/Bogota"
USE_I18N = True
# Textos del admin de Django reescritos sin género gramatical (ver el .po).
LOCALE_PATHS = [BASE_DIR / "sanpedro_gel" / "locale"]
USE_TZ = True

# --- Archivos -----------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Adjuntos de los ciudadanos y documentos expedidos: nunca bajo MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "privado")))
# Con nginx delante, las descargas privadas salen por X-Accel-Redirect a este
# prefijo «internal»; vacío = Django entrega el archivo.
PRIVATE_MEDIA_X_ACCEL_PREFIX = env_str("PRIVATE_MEDIA_X_ACCEL_PREFIX")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if EMBEBIDO
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Embebido: WhiteNoise sirve directo de static/ (sin collectstatic). En
# producción, de STATIC_ROOT con nombres con huella (caché de un año).
WHITENOISE_USE_FINDERS = EMBEBIDO
# Embebido: se relee el archivo en cada petición, así un CSS editado con el
# portal corriendo no deja una respuesta con la longitud vieja (el navegador
# se queda esperando los bytes que faltan).
WHITENOISE_AUTOREFRESH = EMBEBIDO
if EMBEBIDO:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Consulta pública de radicados: consultas fallidas por IP y consultas (todas)
# de un mismo radicado en la ventana; una consulta acertada no cuenta para la
# IP. Verificación de documentos: intentos por IP en la misma ventana.
CONSULTA_MAX_INTENTOS = env_int("CONSULTA_MAX_INTENTOS", 10)
CONSULTA_MAX_POR_RADICADO = env_int("CONSULTA_MAX_POR_RADICADO", 20)
CONSULTA_VENTANA_SEGUNDOS = env_int("CONSULTA_VENTANA_SEGUNDOS", 15 * 60)
VERIFICAR_MAX_INTENTOS = env_int("VERIFICAR_MAX_INTENTOS", 30)
# Encuestas públicas: respuestas por IP y encuesta en la ventana. Holgado: un
# café internet o un colegio responden desde una sola IP.
ENCUESTA_RESPUESTAS_POR_IP = env_int("ENCUESTA_RESPUESTAS_POR_IP", 30)
ENCUESTA_VENTANA_SEGUNDOS = env_int("ENCUESTA_VENTANA_SEGUNDOS", 60 * 60)

ARCHIVO_MAX_MB = env_int("ARCHIVO_MAX_MB", 10)
SOLICITUD_MAX_MB = env_int("SOLICITUD_MAX_MB", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Variante de los PDF que expide el portal: PDF/A-3a (archivo, etiquetado).
PDF_VARIANTE = env_str("PDF_VARIANTE", "pdf/a-3a")

# --- Caché ----------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            # Un cliente de redis-py por conjunto de conexiones (ver el módulo).
            "BACKEND": "sanpedro_gel.cache_redis.CacheRedis",
            "LOCATION": REDIS_URL,
            # Varios portales (o una medición) en un mismo Redis.
            "KEY_PREFIX": env_str("CACHE_PREFIJO"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Con Redis, cada petición de quien ingresó lee su sesión de la caché; la base
# solo cuando la escribe o cuando la caché no la tiene.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Correo -----------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL",
    "Alcaldía de San Pedro de los Milagros <no-responder@localhost>",
)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
else:
    EMAIL_BACKEND = "sanpedro_gel.correo.CorreoEnArchivos"
    EMAIL_FILE_PATH = VAR_DIR / "correo"

# --- Celery -------------------------------------------------------------------------

# Sin broker las tareas corren en línea: el portal embebido no necesita Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
# Cada cola con su propio exchange y clave: sin esto Celery las enlaza todas a
# la clave "default" y un mensaje llegaría a las tres.
CELERY_TASK_QUEUES = [
    Queue(nombre, Exchange(nombre), routing_key=nombre)
    for nombre in ("default", "transaccional", "masivo")
]
CELERY_TASK_DEFAULT_EXCHANGE = "default"
CELERY_TASK_DEFAULT_ROUTING_KEY = "default"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
# Sin backend de resultados por defecto: ninguna tarea del portal espera respuesta.
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": 3600,
}
# Al radicar, un broker caído no debe hacer esperar al ciudadano: se intenta una
# vez más y el barrido periódico hace el resto.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

# Cada cuánto barre beat la bandeja de salida (segundos). Solo se acorta en las
# pruebas de falla con beat real; en producción, 60.
BUZON_BARRIDO_SEGUNDOS = env_int("BUZON_BARRIDO_SEGUNDOS", 60)

# Los trabajos periódicos: Celery beat en producción, `manage.py
# ejecutar_periodicos` en el portal embebido. Cada app añade los suyos.
CELERY_BEAT_SCHEDULE = {
    "limpiar-sesiones-vencidas": {
        "task": "sanpedro_gel.tasks.limpiar_sesiones_vencidas",
        "schedule": crontab(hour=3, minute=15),
    },
    "bandeja-de-salida": {
        "task": "sanpedro_gel.tasks.barrer_buzon",
        "schedule": timedelta(seconds=BUZON_BARRIDO_SEGUNDOS),
    },
    "tramites-desistimientos": {
        "task": "tramites.tasks.declarar_desistimientos",
        "schedule": crontab(hour=6, minute=30),
    },
    "tramites-resumen-revisores": {
        "task": "tramites.tasks.enviar_resumenes_revisores",
        "schedule": crontab(hour=7, minute=0),
    },
    "comunicaciones-despachar-piezas": {
        "task": "comunicaciones.tasks.despachar_piezas",
        "schedule": timedelta(minutes=1),
    },
    "comunicaciones-recordar-tareas": {
        "task": "comunicaciones.tasks.recordar_tareas_difusion",
        "schedule": timedelta(minutes=10),
    },
    "comunicaciones-resumen-asesoria": {
        "task": "comunicaciones.tasks.enviar_resumenes_asesoria",
        "schedule": crontab(hour=7, minute=0),
    },
    "tramites-depurar-borradores": {
        "task": "tramites.tasks.depurar_borradores",
        "schedule": crontab(hour=2, minute=30),
    },
    "tramites-retencion-expedientes": {
        "task": "tramites.tasks.revisar_retencion_expedientes",
        "schedule": crontab(hour=2, minute=45),
    },
    "comunicaciones-depurar-suscriptores": {
        "task": "comunicaciones.tasks.depurar_suscriptores",
        "schedule": crontab(hour=3, minute=0),
    },
    "capacitacion-despachar-avisos": {
        "task": "capacitacion.tasks.despachar_avisos",
        "schedule": timedelta(minutes=1),
    },
}

# --- Bandeja de salida del correo transaccional -------------------------------------

# Intentos de cada mensaje antes de darlo por fallido (esperas de 1, 2, 4… min).
BUZON_MAX_INTENTOS = env_int("BUZON_MAX_INTENTOS", 8)
# Un mensaje reclamado hace más que esto sin terminar se da por abandonado (su
# remitente murió) y vuelve a la bandeja. Debe superar EMAIL_TIMEOUT y un PDF.
BUZON_RECLAMO_VENCE_SEGUNDOS = env_int("BUZON_RECLAMO_VENCE_SEGUNDOS", 600)

# --- Conservación de datos (Ley 1581 de 2012, temporalidad) ----------------------

# Un borrador nunca radicado se borra con sus adjuntos tras tantos días sin
# cambios; el ciudadano recibe un aviso BORRADORES_DIAS_AVISO días antes.
BORRADORES_DIAS_SIN_CAMBIOS = env_int("BORRADORES_DIAS_SIN_CAMBIOS", 90)
BORRADORES_DIAS_AVISO = 7
# Una suscripción a las noticias que no se confirma se borra tras tantos días.
SUSCRIPTORES_DIAS_PARA_CONFIRMAR = env_int("SUSCRIPTORES_DIAS_PARA_CONFIRMAR", 30)

# --- Plan de comunicaciones ---------------------------------------------------------

# Tope de correos masivos por segundo (0 = sin tope). Con REDIS_URL es uno solo
# para todos los trabajadores; sin Redis se aplica en cada proceso.
COMUNICACIONES_CORREOS_POR_SEGUNDO = env_int("COMUNICACIONES_CORREOS_POR_SEGUNDO", 10)
COMUNICACIONES_TAMANO_LOTE = env_int("COMUNICACIONES_TAMANO_LOTE", 100)
# Intentos por destinatario ante errores temporales antes de darlo por fallido.
COMUNICACIONES_MAX_INTENTOS = env_int("COMUNICACIONES_MAX_INTENTOS", 3)
# Una pieza se pausa (para que una persona la mire) con al menos tantos fallidos
# y al menos este porcentaje de lo intentado.
COMUNICACIONES_FALLOS_PARA_PAUSAR = env_int("COMUNICACIONES_FALLOS_PARA_PAUSAR", 20)
COMUNICACIONES_PORCENTAJE_FALLOS_PARA_PAUSAR = env_int(
    "COMUNICACIONES_PORCENTAJE_FALLOS_PARA_PAUSAR", 10
)
# Un lote reclamado hace más que esto sin terminar se da por muerto y sus
# pendientes se vuelven a encolar. Debe superar lo que tarda un lote.
COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS = env_int(
    "COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS", 600
)
COMUNICACIONES_HORA_RECORDATORIOS = env_int("COMUNICACIONES_HORA_RECORDATORIOS", 7)

# --- Formularios ------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
CRISPY_FAIL_SILENTLY = not DEBUG

# --- La entidad ---------------------------------------------------------------------

# Los datos oficiales de la Alcaldía vienen de la configuración, nunca del código.
ENTIDAD = {
    "nombre": env_str("ENTIDAD_NOMBRE", "Alcaldía de San Pedro de los Milagros"),
    "municipio": "San Pedro de los Milagros",
    "departamento": "Antioquia",
    "codigo_dane": "05664",
    "nit": env_str("ENTIDAD_NIT"),
    "direccion": env_str("ENTIDAD_DIRECCION"),
    "horario": env_str("ENTIDAD_HORARIO"),
    "telefono": env_str("ENTIDAD_TELEFONO"),
    "correo": env_str("ENTIDAD_CORREO"),
    "correo_notificaciones_judiciales": env_str("ENTIDAD_CORREO_JUDICIAL"),
    "correo_datos_personales": env_str("ENTIDAD_CORREO_DATOS"),
    "url_politica_datos": env_str("ENTIDAD_URL_POLITICA_DATOS", "/politica-de-datos/"),
    "sitio_web": env_str("ENTIDAD_SITIO_WEB"),
}

# --- Seguridad en producción ------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not EMBEBIDO:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_SUBDOMINIOS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # La comprobación W021 (preload) es una decisión de la entidad, no un defecto.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy: todo del propio portal, ningún script en línea ni
# eval. Los estilos en línea sí se permiten (anchos de las barras de los
# tableros, la vista previa de un correo). CSP_SOLO_INFORMAR=true la manda como
# Content-Security-Policy-Report-Only: el navegador informa y no bloquea.
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if env_bool("CSP_SOLO_INFORMAR", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP

# --- Registro -------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "simple": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "consola": {
            "class": "logging.StreamHandler",
            "stream": sys.stderr,
            "formatter": "simple",
        },
    },
    "root": {"handlers": ["consola"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
