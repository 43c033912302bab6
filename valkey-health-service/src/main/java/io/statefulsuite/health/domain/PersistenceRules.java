package io.statefulsuite.health.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Is every node persisting the way the spec says, and are its writes to disk succeeding? */
final class PersistenceRules {

    private PersistenceRules() {
    }

    static List<Finding> evaluate(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        for (NodeObservation node : context.observations()) {
            volumeFinding(node).ifPresent(findings::add);
            if (node.observed()) {
                findings.addAll(configFindings(context.expected(), node));
                findings.addAll(statusFindings(node));
                overdueSave(node).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static List<Finding> configFindings(ExpectedTopology expected, NodeObservation node) {
        List<Finding> findings = new ArrayList<>();
        NodeConfig config = node.config();
        boolean aofOn = Boolean.TRUE.equals(config.appendOnly()) || node.info().flag("aof_enabled");
        if (Boolean.TRUE.equals(expected.aof()) && !aofOn) {
            findings.add(Finding.of(Check.PERSISTENCE_AOF_DISABLED).node(node.name())
                    .observed("appendonly no").expected("appendonly yes")
                    .message("AOF is off on " + node.name() + " although the cluster expects it",
                            "Run CONFIG SET appendonly yes on " + node.name() + " (it starts an AOF rewrite) and keep "
                                    + "appendonly yes in valkey.conf so a restart does not turn it off again"));
        }
        if (aofOn && expected.appendFsync() != null && config.appendFsync() != null
                && !expected.appendFsync().equalsIgnoreCase(config.appendFsync())) {
            findings.add(Finding.of(Check.PERSISTENCE_APPENDFSYNC).node(node.name())
                    .observed("appendfsync " + config.appendFsync()).expected("appendfsync " + expected.appendFsync())
                    .message(node.name() + " fsyncs its AOF with '" + config.appendFsync() + "', the spec says '"
                                    + expected.appendFsync() + "'",
                            "CONFIG SET appendfsync " + expected.appendFsync() + " on " + node.name()
                                    + " and check the ConfigMap it was started from"));
        }
        if (expected.rdbSave() != null && config.saveRules() != null
                && !new HashSet<>(expected.rdbSave()).equals(new HashSet<>(config.saveRules()))) {
            findings.add(Finding.of(Check.PERSISTENCE_SAVE_RULES).node(node.name())
                    .observed(config.saveRules()).expected(expected.rdbSave())
                    .message(node.name() + " has RDB save rules " + config.saveRules() + ", the spec says "
                                    + expected.rdbSave(),
                            "CONFIG SET save \"" + String.join(" ", expected.rdbSave()) + "\" on " + node.name()
                                    + " and check the ConfigMap it was started from"));
        }
        return findings;
    }

    private static List<Finding> statusFindings(NodeObservation node) {
        InfoReport info = node.info();
        String name = node.name();
        String dir = Optional.ofNullable(node.config().dir()).orElse("the data directory");
        List<Finding> findings = new ArrayList<>();
        if (info.flag("aof_enabled") && !"ok".equals(info.text("aof_last_write_status").orElse("ok"))) {
            findings.add(Finding.of(Check.PERSISTENCE_AOF_WRITE).node(name)
                    .observed("aof_last_write_status:" + info.text("aof_last_write_status").orElse("")).expected("ok")
                    .message("Writing the AOF fails on " + name + "; it refuses writes until the AOF can be written",
                            "Check free space, permissions and health of the volume behind " + dir
                                    + " (PVC full? disk detached?) and the node's log"));
        }
        if (!"ok".equals(info.text("aof_last_bgrewrite_status").orElse("ok"))) {
            findings.add(Finding.of(Check.PERSISTENCE_AOF_REWRITE).node(name)
                    .observed("aof_last_bgrewrite_status:err").expected("ok")
                    .message("The last AOF rewrite failed on " + name,
                            "Check free space and permissions of " + dir + " and the node's log, then BGREWRITEAOF"));
        }
        long rewriteFailures = info.number("aof_rewrites_consecutive_failures", 0);
        if (rewriteFailures > 0) {
            findings.add(Finding.of(Check.PERSISTENCE_AOF_REWRITE_FAILURES).node(name)
                    .observed(rewriteFailures + " consecutive failures").expected("0")
                    .message(rewriteFailures + " AOF rewrites in a row failed on " + name
                                    + "; the AOF keeps growing",
                            "Fix the cause in the node's log (disk space, fork failures: memory/overcommit)"));
        }
        if (info.flag("aof_rewrite_in_progress")) {
            findings.add(Finding.of(Check.PERSISTENCE_AOF_REWRITE_RUNNING).node(name)
                    .observed("aof_rewrite_in_progress:1").expected("0")
                    .message("An AOF rewrite is running on " + name, "None needed; it finishes on its own"));
        }
        if (!"ok".equals(info.text("rdb_last_bgsave_status").orElse("ok"))) {
            findings.add(Finding.of(Check.PERSISTENCE_RDB_BGSAVE).node(name)
                    .observed("rdb_last_bgsave_status:err").expected("ok")
                    .message("The last RDB snapshot failed on " + name
                                    + "; with stop-writes-on-bgsave-error it refuses writes",
                            "Check free space and permissions of " + dir + " and the node's log, then BGSAVE"));
        }
        if (info.flag("loading") || info.flag("async_loading")) {
            findings.add(Finding.of(Check.PERSISTENCE_LOADING).node(name).observed("loading:1").expected("0")
                    .message(name + " is loading its data set from disk and does not serve it yet",
                            "Wait; loading time grows with the AOF/RDB size (keep AOF rewrites healthy)"));
        }
        return findings;
    }

    /** A save rule "s c" is due when c changes happened and s seconds passed; twice s without a save is overdue. */
    private static Optional<Finding> overdueSave(NodeObservation node) {
        List<String> rules = node.config().saveRules();
        InfoReport info = node.info();
        long now = info.server().nowSeconds();
        if (rules == null || rules.isEmpty() || now < 0 || info.flag("rdb_bgsave_in_progress")) {
            return Optional.empty();
        }
        long changes = info.number("rdb_changes_since_last_save", 0);
        long elapsed = now - info.number("rdb_last_save_time", now);
        return rules.stream()
                .filter(rule -> changes >= Long.parseLong(rule.split(" ")[1])
                        && elapsed > 2 * Long.parseLong(rule.split(" ")[0]))
                .findFirst()
                .map(rule -> Finding.of(Check.PERSISTENCE_RDB_OVERDUE).node(node.name())
                        .observed(changes + " changes, last save " + elapsed + " s ago").expected("save " + rule)
                        .message(node.name() + " has not saved a snapshot for " + elapsed + " s although rule '"
                                        + rule + "' is due",
                                "Check rdb_last_bgsave_status and the node's log for failing forks; BGSAVE manually"));
    }

    private static Optional<Finding> volumeFinding(NodeObservation node) {
        VolumeState volume = node.target().volume();
        if (volume == null) {
            return Optional.empty();
        }
        if (!volume.persistent()) {
            return Optional.of(Finding.of(Check.PERSISTENCE_VOLUME_EPHEMERAL).node(node.name())
                    .observed("no PersistentVolumeClaim at /data").expected("a Bound PVC")
                    .message(node.name() + " keeps /data on an ephemeral volume; its data dies with the pod",
                            "Mount a PersistentVolumeClaim at /data (volumeClaimTemplate 'data')"));
        }
        if (!volume.bound()) {
            return Optional.of(Finding.of(Check.PERSISTENCE_VOLUME_NOT_BOUND).node(node.name())
                    .observed(volume.claimName() + " " + volume.phase()).expected("Bound")
                    .message("The data volume " + volume.claimName() + " of " + node.name() + " is "
                                    + volume.phase(),
                            "kubectl describe pvc " + volume.claimName()
                                    + ": check the StorageClass, quota and the zone of the volume"));
        }
        return Optional.empty();
    }
}
