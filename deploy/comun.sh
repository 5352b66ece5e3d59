# Funciones que comparten deploy/respaldo.sh y deploy/restaurar.sh.

fallar() {
    echo "Error: $*" >&2
    exit 1
}

# Las variables que ya están en el entorno (systemd con EnvironmentFile) ganan
# sobre las del archivo, como en sanpedro_gel/env.py.
cargar_entorno() {
    local archivo="${PORTAL_ENV:-$raiz/.env}" linea clave valor
    [ -f "$archivo" ] || return 0
    while IFS= read -r linea || [ -n "$linea" ]; do
        linea="${linea#"${linea%%[![:space:]]*}"}"
        [[ -z "$linea" || "$linea" == \#* || "$linea" != *=* ]] && continue
        clave="${linea%%=*}"
        clave="${clave%"${clave##*[![:space:]]}"}"
        valor="${linea#*=}"
        valor="${valor#"${valor%%[![:space:]]*}"}"
        valor="${valor%"${valor##*[![:space:]]}"}"
        if [[ ${#valor} -ge 2 && ( "$valor" == \"*\" || "$valor" == \'*\' ) ]]; then
            valor="${valor:1:${#valor}-2}"
        fi
        [[ "$clave" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
        [ -n "${!clave+x}" ] && continue
        export "$clave=$valor"
    done <"$archivo"
}

# pg_dump y pg_restore entienden postgres://… y postgresql://… tal cual.
url_de_la_base() {
    local url="${DATABASE_URL:-}"
    case "$url" in
        postgres://* | postgresql://*) printf '%s' "$url" ;;
        "") fallar "DATABASE_URL no está definida (el respaldo es para PostgreSQL)." ;;
        *) fallar "DATABASE_URL no es de PostgreSQL: ${url%%:*}://…" ;;
    esac
}
