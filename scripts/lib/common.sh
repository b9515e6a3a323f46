# Shared by the scripts in scripts/: source it, do not run it.

# The repository's top folder.
FWMOCK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Installs the Debian packages among "$@" that are not installed yet (apt-get update once first).
fwmock_require_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# What building and testing fwmock needs.
fwmock_require_build_packages() {
  fwmock_require_packages ca-certificates cmake make g++ pkg-config libboost-dev \
    nlohmann-json3-dev libcpp-httplib-dev catch2 "$@"
}

fwmock_jobs() { nproc 2>/dev/null || echo 2; }

# -DCMAKE_CXX_COMPILER_LAUNCHER=ccache where ccache is installed (it is optional).
fwmock_launcher() { command -v ccache >/dev/null && echo "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"; true; }
