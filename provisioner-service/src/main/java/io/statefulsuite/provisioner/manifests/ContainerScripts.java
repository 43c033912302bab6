package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.domain.TlsSecret;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSIX sh scripts the Valkey container runs, shipped in the cluster's ConfigMap next to valkey.conf.
 *
 * <p>The password is read from the mounted Secret file with shell builtins ({@code read}, {@code printf}),
 * so it never appears in a command line, in the pod spec or in the ConfigMap. Probes and the preStop hook hand
 * it to valkey-cli through {@code REDISCLI_AUTH}, set inside the script only. Each script works with
 * {@code valkey-server}/{@code valkey-cli} and falls back to {@code redis-server}/{@code redis-cli}.
 * With {@code spec.tls} every valkey-cli call speaks TLS and trusts only the CA mounted from the cluster's Secret.
 * {@code VALKEY_SCRIPTS}, {@code VALKEY_PASSWORD_FILE}, {@code VALKEY_HOST}, {@code VALKEY_PORT}, {@code VALKEY_CONF},
 * {@code VALKEY_AUTH_FILE} and {@code VALKEY_TLS_CA_FILE} can be overridden (tests do; the pod sets none of them).
 */
public final class ContainerScripts {

    public static final String MOUNT_PATH = "/etc/valkey";
    public static final String SECRET_MOUNT_PATH = "/etc/valkey-secret";
    /** The Secret's passwordKey is projected to this file name, whatever the key is called. */
    public static final String PASSWORD_FILE = "password";
    public static final String LIB = "lib.sh";
    public static final String START = "start.sh";
    public static final String READY = "ready.sh";
    public static final String LIVE = "live.sh";
    public static final String PRE_STOP = "pre-stop.sh";
    /** Upper bound of the preStop hook's wait for a replica to take over; see the pod's grace period. */
    public static final int FAILOVER_WAIT_SECONDS = 30;

    /** {@code %3$s}: the TLS settings, {@code %4$s}: valkey-cli's TLS options (both empty without TLS). */
    private static final String LIB_TEMPLATE = """
            # Shared by start.sh, the probes and the preStop hook.
            VALKEY_PASSWORD_FILE="${VALKEY_PASSWORD_FILE:-%1$s/%2$s}"
            VALKEY_HOST="${VALKEY_HOST:-127.0.0.1}"
            VALKEY_PORT="${VALKEY_PORT:-6379}"
            %3$s
            # Sets $password from the Secret file using builtins only; the file may lack a final newline.
            read_password() {
              password=''
              IFS= read -r password < "$VALKEY_PASSWORD_FILE" || [ -n "$password" ]
            }

            valkey_cli() {
              if command -v valkey-cli >/dev/null 2>&1; then valkey-cli %4$s"$@"; else redis-cli %4$s"$@"; fi
            }

            local_cli() {
              valkey_cli -h "$VALKEY_HOST" -p "$VALKEY_PORT" "$@"
            }

            # valkey-cli (and redis-cli) take the password from REDISCLI_AUTH: not from argv, not from the pod spec.
            use_password() {
              read_password || return 1
              REDISCLI_AUTH="$password"
              export REDISCLI_AUTH
            }
            """;
    private static final String LIB_SCRIPT = LIB_TEMPLATE.formatted(SECRET_MOUNT_PATH, PASSWORD_FILE, "", "");
    /** No client certificate: the nodes do not ask for one (tls-auth-clients no), the password authenticates. */
    private static final String TLS_LIB_SCRIPT = LIB_TEMPLATE.formatted(SECRET_MOUNT_PATH, PASSWORD_FILE,
            "VALKEY_TLS_CA_FILE=\"${VALKEY_TLS_CA_FILE:-" + TlsSecret.CA_FILE + "}\"\n",
            "--tls --cacert \"$VALKEY_TLS_CA_FILE\" ");

    private static final String START_SCRIPT = """
            set -eu
            . "${VALKEY_SCRIPTS:-%1$s}/%2$s"
            umask 077
            if ! read_password || [ -z "$password" ]; then
              echo "valkey: no password in $VALKEY_PASSWORD_FILE (see spec.auth of the ValkeyCluster)" >&2
              exit 1
            fi
            case "$password" in
              *'"'* | *'\\'*)
                echo 'valkey: the password must not contain a double quote or a backslash' >&2
                exit 1 ;;
            esac
            # In-memory emptyDir; valkey.conf includes it last.
            printf 'requirepass "%%s"\\nmasterauth "%%s"\\n' "$password" "$password" > "${VALKEY_AUTH_FILE:-%3$s}"
            unset password
            conf="${VALKEY_CONF:-%1$s/valkey.conf}"
            if command -v valkey-server >/dev/null 2>&1; then
              exec valkey-server "$conf"
            fi
            exec redis-server "$conf"
            """.formatted(MOUNT_PATH, LIB, ValkeyConfFile.AUTH_INCLUDE);

    /** Ready: answers PING and, once it knows other nodes, reports cluster_state:ok. */
    private static final String READY_SCRIPT = """
            . "${VALKEY_SCRIPTS:-%s}/%s"
            use_password || { echo "cannot read $VALKEY_PASSWORD_FILE"; exit 1; }
            pong=$(local_cli ping 2>&1) || { echo "ping failed: $pong"; exit 1; }
            [ "$pong" = PONG ] || { echo "ping answered: $pong"; exit 1; }
            info=$(local_cli cluster info 2>&1) || { echo "cluster info failed: $info"; exit 1; }
            case "$info" in
              *cluster_state:ok*) exit 0 ;;
              # Knows no other node yet: ready to be joined into the cluster.
              *'cluster_known_nodes:1'[!0-9]*) exit 0 ;;
            esac
            echo "cluster_state is not ok"
            exit 1
            """.formatted(MOUNT_PATH, LIB);

    /** Alive: answers at all; LOADING (replaying a large AOF) or BUSY must not get the node killed. */
    private static final String LIVE_SCRIPT = """
            . "${VALKEY_SCRIPTS:-%s}/%s"
            use_password || { echo "cannot read $VALKEY_PASSWORD_FILE"; exit 1; }
            pong=$(local_cli ping 2>&1) || { echo "ping failed: $pong"; exit 1; }
            case "$pong" in
              PONG | LOADING* | BUSY* | MASTERDOWN*) exit 0 ;;
            esac
            echo "ping answered: $pong"
            exit 1
            """.formatted(MOUNT_PATH, LIB);

    /**
     * Before a primary that serves slots stops, one of its in-sync replicas takes over (CLUSTER FAILOVER,
     * which waits for the replica to catch up), so that clients see a handover instead of a node timeout.
     * The wait is bounded; failing to hand over never blocks the stop.
     */
    private static final String PRE_STOP_SCRIPT = """
            . "${VALKEY_SCRIPTS:-%s}/%s"
            set -f
            use_password || exit 0
            replication=$(local_cli info replication | tr -d '\\r') || exit 0
            case "$replication" in *role:master*) ;; *) exit 0 ;; esac
            myself=$(local_cli cluster nodes | grep myself) || exit 0
            set -- $myself
            # Fields from the 9th on are the slot ranges this primary serves.
            [ "$#" -ge 9 ] || exit 0
            replica=$(printf '%%s\\n' "$replication" | grep -E '^slave[0-9]+:' | grep 'state=online' | head -n 1 \\
              | sed -e 's/^slave[0-9]*:ip=\\([^,]*\\),port=\\([0-9]*\\).*$/\\1 \\2/')
            if [ -z "$replica" ]; then
              echo "no online replica to hand the slots to"
              exit 0
            fi
            set -- $replica
            echo "handing the slots to replica $1:$2"
            valkey_cli -h "$1" -p "$2" cluster failover || exit 0
            waited=0
            while [ "$waited" -lt "${VALKEY_FAILOVER_WAIT_SECONDS:-%d}" ]; do
              case "$(local_cli info replication)" in *role:slave*) echo "handed over"; exit 0 ;; esac
              sleep 1
              waited=$((waited + 1))
            done
            echo "the replica did not take over in time; stopping anyway"
            """.formatted(MOUNT_PATH, LIB, FAILOVER_WAIT_SECONDS);

    private ContainerScripts() {
    }

    /** File name to content, for the ConfigMap; with {@code tls}, every valkey-cli call speaks TLS. */
    public static Map<String, String> files(boolean tls) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(LIB, tls ? TLS_LIB_SCRIPT : LIB_SCRIPT);
        files.put(START, START_SCRIPT);
        files.put(READY, READY_SCRIPT);
        files.put(LIVE, LIVE_SCRIPT);
        files.put(PRE_STOP, PRE_STOP_SCRIPT);
        return files;
    }

    /** The command that runs {@code script} from the mounted ConfigMap. */
    public static String[] command(String script) {
        return new String[]{"sh", MOUNT_PATH + "/" + script};
    }
}
