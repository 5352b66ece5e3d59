# Portal GEL — San Pedro de los Milagros.
#   make run    portal embebido en http://127.0.0.1:8000 (SQLite, sin Redis)
#   make test   todas las pruebas

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv deps deps-dev migrate demo lint format bench clean

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

# Servidor y trabajos periódicos; Ctrl-C detiene los dos.
run: demo
	@echo "Portal en http://$(HOST):$(PORT)/  ·  Ctrl-C para detener"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py ejecutar_periodicos & \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: deps-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: deps-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: deps-dev
	$(PY) bench/run_all.py

clean:
	rm -rf var/ .pytest_cache
