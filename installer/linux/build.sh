#!/usr/bin/env bash
# Build CX Studio's Linux application folder (PyInstaller) and a .deb from it (dpkg-deb).
#   installer/linux/build.sh [OUT_DIR]      (default OUT_DIR: build/linux)
# Needs a Python with CX Studio and PyInstaller installed: `.venv/bin/pip install -e ".[package]"`;
# PYTHON overrides the interpreter (default .venv/bin/python). Prints the path of the .deb on its last line.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
OUT=$(mkdir -p "${1:-$ROOT/build/linux}" && cd "${1:-$ROOT/build/linux}" && pwd)
say() { printf 'build.sh: %s\n' "$*" >&2; }

command -v dpkg-deb >/dev/null || { say "dpkg-deb is needed (Debian or Ubuntu)"; exit 1; }
"$PYTHON" -c "import PyInstaller" 2>/dev/null || { say "PyInstaller is missing: $PYTHON -m pip install -e '.[package]'"; exit 1; }
VERSION=$("$PYTHON" -c "import cxstudio; print(cxstudio.__version__)")
ARCH=$(dpkg --print-architecture)
ICON_SVG=$("$PYTHON" -c "from cxstudio.resources import RESOURCES_DIR; print(RESOURCES_DIR / 'icons' / 'cxstudio.svg')")

# 1. the application folder: $OUT/dist/cxstudio
rm -rf "$OUT/dist" "$OUT/root"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" "$HERE/cxstudio.spec" >&2

# 2. the package's file tree
PKG="$OUT/root"
install -d "$PKG/DEBIAN" "$PKG/usr/lib" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/mime/packages" \
    "$PKG/usr/share/doc/cxstudio" "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/icons/hicolor/scalable/mimetypes"
cp -a "$OUT/dist/cxstudio" "$PKG/usr/lib/cxstudio"
ln -s ../lib/cxstudio/cxstudio "$PKG/usr/bin/cxstudio"
install -m 644 "$HERE/cxstudio.desktop" "$PKG/usr/share/applications/cxstudio.desktop"
install -m 644 "$HERE/cxstudio-mime.xml" "$PKG/usr/share/mime/packages/cxstudio.xml"
install -m 644 "$ICON_SVG" "$PKG/usr/share/icons/hicolor/scalable/apps/cxstudio.svg"
install -m 644 "$ICON_SVG" "$PKG/usr/share/icons/hicolor/scalable/mimetypes/application-x-cxstudio.svg"
for png in "$HERE"/icons/cxstudio-*.png; do
    size=$(basename "$png" .png); size=${size#cxstudio-}
    install -d "$PKG/usr/share/icons/hicolor/${size}x${size}/apps" "$PKG/usr/share/icons/hicolor/${size}x${size}/mimetypes"
    install -m 644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/cxstudio.png"
    install -m 644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-cxstudio.png"
done
cat > "$PKG/usr/share/doc/cxstudio/copyright" <<COPYRIGHT
CX Studio $VERSION: GPL-3.0-or-later (see /usr/share/common-licenses/GPL-3).
The bundled DejaVu fonts: see /usr/lib/cxstudio/_internal/**/fonts/LICENSE-DejaVu.txt.
Qt and PySide6 (LGPL-3.0), Python (PSF), SQLAlchemy, networkx, ReportLab, platformdirs: their own licences.
COPYRIGHT
find "$PKG" -type d -exec chmod 755 {} +

# 3. Depends: the Debian packages holding the system libraries the bundle's programs and libraries load (ldd;
#    the bundle carries no copies of them, see installer/bundle.py)
depends="libc6, libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3, shared-mime-info, desktop-file-utils"
APP="$OUT/dist/cxstudio"
inside="$APP/_internal:$APP/_internal/PySide6/Qt/lib:$APP/_internal/PySide6:$APP/_internal/shiboken6"
system_libraries=$(find "$APP" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c 'file -b "$1" | grep -q ^ELF' _ {} \; -print |
    while read -r elf; do LD_LIBRARY_PATH="$inside" ldd "$elf" 2>/dev/null || true; done |
    awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$APP/" | sort -u)
for library in $system_libraries; do
    owner=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | head -n1 | cut -d: -f1) || true
    [ -z "$owner" ] && { owner=$(dpkg -S "$library" 2>/dev/null | head -n1 | cut -d: -f1) || true; }
    if [ -n "$owner" ]; then depends="$depends, $owner"; else say "no Debian package holds $library"; exit 1; fi
done
depends=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//' | sort -u | paste -sd, - | sed 's/,/, /g')
installed_kib=$(du -sk --apparent-size "$PKG/usr" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: cxstudio
Version: $VERSION
Architecture: $ARCH
Maintainer: CX Studio <cxstudio@users.noreply.example>
Installed-Size: $installed_kib
Depends: $depends
Section: editors
Priority: optional
Homepage: https://example.org/cxstudio
Description: editor for customer journey maps and service blueprints
 CX Studio maps customer journeys and service blueprints - personas,
 touchpoints, stages, lanes, ratings and pain points - keeps each project in
 one .cxstudio file, prints maps wall-size as PDF posters or tiled sheets and
 speaks German and English. Works offline.
CONTROL

# 4. the .deb (the trigger of shared-mime-info, desktop-file-utils and the icon cache do the registering)
DEB="$OUT/cxstudio_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >&2
say "installed size $((installed_kib / 1024)) MiB, package $(($(stat -c %s "$DEB") / 1024 / 1024)) MiB"
echo "$DEB"
