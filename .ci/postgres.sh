# Start a throw-away PostgreSQL cluster on loopback for the test suite; sets PG_URL.
PG_DIR=${PG_DIR:-/tmp/certscope-pg}
PG_PORT=${PG_PORT:-54329}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

start_postgres() {
  rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
  chown postgres "$PG_DIR"
  su postgres -c "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres" >/dev/null
  su postgres -c "$PG_BIN/pg_ctl -D $PG_DIR/data -o '-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1' -l $PG_DIR/log -w start" >/dev/null
  su postgres -c "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT -U postgres certscope_test"
  PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/certscope_test"
  export PG_URL
}

stop_postgres() {
  su postgres -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop" >/dev/null 2>&1 || true
}
