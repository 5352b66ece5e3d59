"""Configuración de gunicorn para el portal (`gunicorn -c deploy/gunicorn.conf.py`).

gunicorn escucha solo en la interfaz local: el único que le habla es el nginx
de la misma máquina. Así nadie llega directo a gunicorn con un X-Forwarded-For
inventado, y PROXIES_CONFIABLES puede quedarse en 127.0.0.1. Los valores se
pueden cambiar con variables GUNICORN_* en el mismo `.env` del portal.
"""

import multiprocessing
import os


def _entorno(nombre, defecto):
    # Una variable vacía en el .env vale lo mismo que no tenerla.
    return os.environ.get(nombre) or defecto


wsgi_app = "sanpedro_gel.wsgi:application"

# TCP en la interfaz local y no un socket unix: por un socket REMOTE_ADDR no es
# una IP, el portal no reconoce a nginx como proxy confiable, ignora
# X-Forwarded-For y todos los ciudadanos quedarían con la misma «IP» en los
# límites de intentos y en los registros de descargas.
bind = _entorno("GUNICORN_BIND", "127.0.0.1:8001")

# Trabajadores síncronos: nginx recibe el cuerpo completo de la petición antes de
# pasarla y guarda la respuesta en su búfer, así un cliente lento en una conexión
# móvil no ocupa un trabajador. Los PDF y los correos van a Celery; lo que hace
# un trabajador web es corto.
worker_class = "sync"
workers = int(_entorno("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))

# Una petición que pasa de esto se corta (el trabajador se reinicia). Debe ser
# menor que proxy_read_timeout de nginx, para que el ciudadano vea el error del
# portal y no el de nginx.
timeout = int(_entorno("GUNICORN_TIMEOUT", 60))
# Al reiniciar (despliegue), lo que ya está en curso tiene este tiempo para acabar.
graceful_timeout = int(_entorno("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5

# Reinicio periódico de cada trabajador: contiene una fuga de memoria de una
# librería (WeasyPrint, Pillow) sin que nadie lo note. El azar evita que todos
# se reinicien a la vez.
max_requests = int(_entorno("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = 100

# Los latidos de los trabajadores en memoria, no en un disco que puede ir lento.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# La cabecera X-Forwarded-Proto solo se le cree a nginx local. La IP del cliente
# la calcula el portal (sanpedro_gel.peticiones, con PROXIES_CONFIABLES).
forwarded_allow_ips = "127.0.0.1,::1"

# Registro de accesos: la ruta sin la cadena de consulta (%(U)s), porque en ella
# pueden viajar un radicado o un código de verificación; la IP del cliente según
# nginx, el estado, los bytes, la duración en microsegundos y el agente.
accesslog = _entorno("GUNICORN_ACCESSLOG", "/var/log/portal/acceso.log")
access_log_format = (
    '%({x-forwarded-for}i)s - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(D)s '
    '"%({referer}i)s" "%(a)s"'
)
# Los errores al diario de systemd (journalctl -u portal-web).
errorlog = "-"
loglevel = _entorno("GUNICORN_LOGLEVEL", "info")
capture_output = True
proc_name = "portal-web"
