#!/bin/sh
# On the List, museum kiosk: a POSIX supervisor for Linux kiosks without a systemd user session, such as
# the cage compositor (cage shows one program fullscreen and quits when it quits):
#
#   cage -d -- /opt/on-the-list/docs/kiosk/on-the-list-kiosk.sh
#
# It starts the game in kiosk mode and starts it again after it stops for any reason (a crash, a kill,
# SIGTERM: the game then ends with 143), except after a staff exit (chord + PIN), which ends with status 10:
# then this script ends too (and cage with it). SIGTERM or SIGINT to this script stops the game and the
# script, without a restart. See docs/kiosk.md.
#
# Settings (environment): ON_THE_LIST_DIR (default /opt/on-the-list), ON_THE_LIST_PYTHON (default
# $ON_THE_LIST_DIR/.venv/bin/python), ON_THE_LIST_RESTART_DELAY (seconds, default 2).

dir=${ON_THE_LIST_DIR:-/opt/on-the-list}
python=${ON_THE_LIST_PYTHON:-$dir/.venv/bin/python}
delay=${ON_THE_LIST_RESTART_DELAY:-2}
staff_exit=10
child=

stop() {
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null
        wait "$child"
    fi
    exit 0
}
trap stop TERM INT HUP

cd "$dir" || exit 1
while :; do
    "$python" -m game --kiosk "$@" &
    child=$!
    wait "$child"
    status=$?
    child=
    if [ "$status" -eq "$staff_exit" ]; then
        exit 0
    fi
    echo "on-the-list-kiosk: the game ended with status $status; starting it again in $delay s" >&2
    sleep "$delay"
done
