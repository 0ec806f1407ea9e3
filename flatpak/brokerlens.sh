#!/bin/sh
# Starts Brokerlens inside the Flatpak sandbox.
# - zypak-wrapper (from the Electron BaseApp) lets Chromium's own sandbox run inside Flatpak's.
# - --ozone-platform-hint=auto: Wayland where there is a Wayland session, X11 otherwise.
# - --password-store=gnome-libsecret: the Secret Service is the one keyring the sandbox may talk
#   to (org.freedesktop.secrets), on GNOME and KDE alike.
# - CHROME_DESKTOP names the desktop file, so the window is matched to its launcher and icon.
# - TMPDIR: a folder private to the app that outlives each process, for Chromium's singleton lock.
export TMPDIR="${XDG_RUNTIME_DIR}/app/${FLATPAK_ID}"
export CHROME_DESKTOP=io.github.brokerlens.Brokerlens.desktop
exec zypak-wrapper /app/main/brokerlens \
  --ozone-platform-hint=auto \
  --password-store=gnome-libsecret \
  "$@"
