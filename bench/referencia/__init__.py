"""Proyecto Django mínimo de referencia para `bench_paginas_publicas.py`: una
vista que hace una consulta por llave primaria y devuelve texto plano."""
