#!/usr/bin/env bash
# Restaura un respaldo hecho por deploy/respaldo.sh.
#
# Uso: deploy/restaurar.sh /var/backups/portal/portal-20261207-023000
#
# Destino: la base de DATABASE_URL (debe existir y estar vacía: créela con
# `createdb -O portal portal`) y las carpetas PRIVATE_MEDIA_ROOT y MEDIA_ROOT
# (se crean; deben estar vacías). No escribe encima de datos: para reemplazar un
# portal dañado, restaure en una base nueva y cambie DATABASE_URL. Detenga antes
# web, trabajadores y beat (docs/DESPLIEGUE.md, «Restaurar»).
set -euo pipefail
# Como los crea el portal: nginx (otro usuario) tiene que poder leerlos.
umask 022

raiz="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=deploy/comun.sh
. "$raiz/deploy/comun.sh"
cargar_entorno

[ $# -eq 1 ] || fallar "uso: $0 <carpeta del respaldo>"
respaldo="$(cd "$1" && pwd)" || fallar "no existe la carpeta $1"
privado="${PRIVATE_MEDIA_ROOT:-$raiz/var/privado}"
media="${MEDIA_ROOT:-$raiz/var/media}"
base="$(url_de_la_base)"

# Un respaldo dañado o incompleto se detecta antes de tocar nada.
(cd "$respaldo" && sha256sum --check --quiet SHA256SUMS) \
    || fallar "el respaldo $respaldo no coincide con su SHA256SUMS."

tablas="$(psql --no-psqlrc --tuples-only --no-align --dbname="$base" \
    --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
[ "$tablas" = "0" ] || fallar "la base de destino no está vacía ($tablas tablas)."

for carpeta in "$privado" "$media"; do
    if [ -d "$carpeta" ] && [ -n "$(ls -A "$carpeta")" ]; then
        fallar "la carpeta $carpeta no está vacía."
    fi
done

pg_restore --exit-on-error --no-owner --no-privileges --single-transaction \
    --dbname="$base" "$respaldo/base.dump"

mkdir -p "$privado" "$media"
tar --extract --gzip --file="$respaldo/privado.tar.gz" --directory="$privado"
tar --extract --gzip --file="$respaldo/media.tar.gz" --directory="$media"

echo "Restaurado $respaldo en la base y en $privado y $media."
