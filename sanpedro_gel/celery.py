"""La aplicación Celery del portal.

Colas: `transaccional` (acuses, notificaciones, invitaciones) va delante de
`masivo` (envíos de campañas); `default` para el resto. Sin `CELERY_BROKER_URL`
las tareas corren en línea (ver settings).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanpedro_gel.settings")

app = Celery("sanpedro_gel")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
