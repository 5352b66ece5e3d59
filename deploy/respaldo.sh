#!/usr/bin/env bash
# Respaldo del Portal GEL: la base de datos (pg_dump en formato propio) y los
# archivos (PRIVATE_MEDIA_ROOT y MEDIA_ROOT), en una carpeta con fecha dentro de
# RESPALDO_DIR; se conservan los RESPALDO_CONSERVAR más recientes.
#
# Uso: deploy/respaldo.sh            (lo lanza portal-respaldo.timer)
# Lee del entorno (o del .env indicado en PORTAL_ENV, por defecto el del
# proyecto): DATABASE_URL, PRIVATE_MEDIA_ROOT, MEDIA_ROOT, RESPALDO_DIR y
# RESPALDO_CONSERVAR. Restaurar: deploy/restaurar.sh <carpeta del respaldo>.
set -euo pipefail
umask 077

raiz="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=deploy/comun.sh
. "$raiz/deploy/comun.sh"
cargar_entorno

destino="${RESPALDO_DIR:-/var/backups/portal}"
conservar="${RESPALDO_CONSERVAR:-14}"
privado="${PRIVATE_MEDIA_ROOT:-$raiz/var/privado}"
media="${MEDIA_ROOT:-$raiz/var/media}"
base="$(url_de_la_base)"

[[ "$conservar" =~ ^[1-9][0-9]*$ ]] || fallar "RESPALDO_CONSERVAR debe ser un entero positivo."
mkdir -p "$destino"

# Un solo respaldo a la vez: uno lanzado a mano mientras corre el del
# temporizador esperaría, no escribiría encima.
exec 9>"$destino/.bloqueo"
flock 9

nombre="portal-$(date +%Y%m%d-%H%M%S)"
# Dos respaldos en el mismo segundo (uno a mano tras el del temporizador).
while [ -e "$destino/$nombre" ]; do
    sleep 1
    nombre="portal-$(date +%Y%m%d-%H%M%S)"
done
parcial="$destino/.$nombre.parcial"
rm -rf "$parcial"
mkdir "$parcial"
# Si algo falla, no queda un respaldo a medias que parezca bueno.
trap 'rm -rf "$parcial"' EXIT

# Primero la base y después los archivos: un archivo subido entre los dos pasos
# queda en el tar sin fila que lo nombre (inofensivo); al revés, quedaría una
# fila apuntando a un archivo que no se respaldó.
# Dueños y permisos se descartan al restaurar (pg_restore --no-owner), no aquí:
# el volcado queda completo por si se necesitan.
pg_dump --format=custom --compress=6 --file="$parcial/base.dump" "$base"

empacar() {
    local carpeta="$1" archivo="$2"
    if [ -d "$carpeta" ]; then
        # El portal sigue atendiendo: un archivo que cambia o se borra mientras
        # tar lo lee da el código 1 (aviso), que no invalida el respaldo; 2 o
        # más sí (no se pudo leer o escribir).
        tar --create --gzip --file="$parcial/$archivo" --directory="$carpeta" \
            --warning=no-file-changed --warning=no-file-removed . || [ $? -eq 1 ]
    else
        # Una carpeta que aún no existe (portal recién instalado) se respalda vacía.
        tar --create --gzip --file="$parcial/$archivo" --files-from=/dev/null
    fi
}
empacar "$privado" privado.tar.gz
empacar "$media" media.tar.gz

(cd "$parcial" && sha256sum base.dump privado.tar.gz media.tar.gz >SHA256SUMS)
mv "$parcial" "$destino/$nombre"
trap - EXIT

# Rotación: solo se borran respaldos completos (los que llegaron a su nombre
# final), los más viejos primero; el recién hecho nunca cuenta entre ellos.
mapfile -t viejos < <(
    find "$destino" -mindepth 1 -maxdepth 1 -type d -name 'portal-*' -printf '%f\n' \
        | sort -r | tail -n +"$((conservar + 1))"
)
for viejo in "${viejos[@]}"; do
    rm -rf "${destino:?}/$viejo"
done

echo "Respaldo listo: $destino/$nombre"
