# Sourced by scripts/demo and scripts/bench-redeploy: moto (the AWS APIs) and Debian's
# docker-registry (standing in for ECR) on free loopback ports.
# Needs $repo (the checkout), $venv (where `ensure_moto` installs moto[server], pinned) and
# $work (a folder for the registry). `start_local_aws` starts both, waits until they listen, and exports AWS_ENDPOINT_URL,
# fake credentials and TUG_REGISTRY_OVERRIDE; `stop_local_aws` stops them.

# moto's ECR GetAuthorizationToken hands out this password for user AWS.
registry_password=123456789012-auth-token
local_aws_pids=()
MOTO_VERSION=5.2.5

ensure_moto() {
    if [ "$("$venv/bin/python" -c 'import moto; print(moto.__version__)' 2>/dev/null)" != "$MOTO_VERSION" ]; then
        echo "==> installing moto[server] $MOTO_VERSION into .tug-test/venv"
        [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
    fi
}

free_port() {
    "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for_port() {
    for _ in $(seq 100); do
        (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

start_local_aws() {
    local port regport
    port=$(free_port)
    regport=$(free_port)
    "$venv/bin/python" "$repo/tests/moto/server.py" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    local_aws_pids+=($!)
    mkdir -p "$work/registry"
    htpasswd -Bbn AWS "$registry_password" >"$work/registry/htpasswd"
    cat >"$work/registry/config.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry/data}}
http: {addr: 127.0.0.1:$regport}
auth: {htpasswd: {realm: tug, path: $work/registry/htpasswd}}
YAML
    docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
    local_aws_pids+=($!)
    wait_for_port "$port"
    wait_for_port "$regport"
    export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing \
        AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
        TUG_REGISTRY_OVERRIDE="127.0.0.1:$regport"
}

stop_local_aws() {
    ((${#local_aws_pids[@]})) && kill "${local_aws_pids[@]}" 2>/dev/null
    return 0
}

# A copy of examples/hello in $1 named `hello`, with a static busybox beside each
# Dockerfile (the images are FROM scratch: nothing is pulled).
copy_example() {
    mkdir -p "$1"
    cp -r "$repo/examples/hello/." "$1/"
    printf 'application: hello\n' >"$1/tug/.workspace"
    for svc in web api; do
        cp /bin/busybox "$1/$svc/busybox"
    done
}
