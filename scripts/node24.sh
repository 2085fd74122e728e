# Puts Node 24 LTS first on PATH when the machine's Node is older (our machines have Node 20).
# Node's own binaries come from the npm registry as node-<platform>-<arch>; npm then runs under
# the Node it finds first on PATH. Source it, in CI and by hand:
#   source scripts/node24.sh && node --version
NODE24_VERSION=24.22.3
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 24 ]; then
  node24_dir="${NODE24_DIR:-$HOME/.cache/swallow-chat/node-$NODE24_VERSION}"
  node24_pkg="node-$(node -p 'process.platform + "-" + process.arch')"
  node24_bin="$node24_dir/node_modules/$node24_pkg/bin"
  if [ ! -x "$node24_bin/node" ]; then
    npm install --prefix "$node24_dir" --no-save --no-audit --no-fund --loglevel=error "$node24_pkg@$NODE24_VERSION" >&2
  fi
  export PATH="$node24_bin:$PATH"
fi
