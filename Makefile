# Portal GEL — San Pedro de los Milagros.
#   make run    portal embebido en http://127.0.0.1:8000 (SQLite, sin Redis)
#   make test   todas las pruebas

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Los enlaces de correos, PDF y QR: los de .env si los define; si no, la
# dirección con que se sirve el portal.
PORTAL_URL ?= $(or $(shell sed -n 's/^PORTAL_URL=//p' .env 2>/dev/null),http://$(HOST):$(PORT))

.PHONY: run test venv deps deps-dev migrate demo lint format bench carga clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Las dependencias se reinstalan solo cuando cambia el archivo de requisitos.
$(VENV)/.deps: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.deps-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.deps

venv: $(PY)
deps: $(VENV)/.deps
deps-dev: $(VENV)/.deps-dev

.env:
	cp .env.example .env

migrate: deps .env
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py cargar_demo

# Servidor y trabajos periódicos; Ctrl-C detiene los dos. El portal se sirve
# como lo ve el ciudadano (páginas de error en español; DJANGO_DEBUG=true para
# las técnicas de Django).
run: export PORTAL_URL := $(PORTAL_URL)
run: export PORTAL_SERVIDO := http://$(HOST):$(PORT)
run: demo
	@echo "Portal en http://$(HOST):$(PORT)/  ·  enlaces con $(PORTAL_URL)  ·  Ctrl-C para detener"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py ejecutar_periodicos & \
	$(PY) manage.py runserver --nostatic $(HOST):$(PORT)

# Tres procesos de pruebas (pytest-xdist; hasta 4, ver tests/trabajadores.py);
# PYTEST_WORKERS=0 corre en uno solo.
PYTEST_WORKERS ?= 3
test: deps-dev
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: deps-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: deps-dev
	$(PY) bench/run_all.py

# La radicación bajo carga (gunicorn, PostgreSQL, Redis y Celery; unos 3 min).
carga: deps-dev
	$(PY) bench/run_all.py carga

clean:
	rm -rf var/ .pytest_cache
