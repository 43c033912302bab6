package io.statefulsuite.health.domain;

import java.util.List;

/**
 * What the cluster should look like, from its ValkeyCluster spec, a request, or (when neither is known) nothing:
 * null fields are not checked. {@code zones} are node-label values (region-prefixed where the spec says so).
 */
public record ExpectedTopology(Source source, Integer shards, Integer replicasPerShard, List<String> zones,
                               Boolean aof, String appendFsync, List<String> rdbSave) {

    public enum Source { CUSTOM_RESOURCE, REQUEST, NONE }

    public static final ExpectedTopology NONE = new ExpectedTopology(Source.NONE, null, null, null, null, null, null);

    /** The ValkeyCluster defaults of CONTRACTS.md, applied to missing fields. */
    public static ExpectedTopology fromSpec(Source source, Integer shards, Integer replicasPerShard, List<String> zones,
                                            String region, Boolean aof, String appendFsync, List<String> rdbSave) {
        List<String> zoneIds = zones == null || zones.isEmpty() ? List.of("1", "2", "3") : zones;
        List<String> labels = zoneIds.stream()
                .map(z -> region == null || region.isBlank() ? z : region + "-" + z).toList();
        return new ExpectedTopology(source, shards == null ? 3 : shards, replicasPerShard == null ? 1 : replicasPerShard,
                labels, aof == null || aof, appendFsync == null ? "everysec" : appendFsync,
                rdbSave == null ? List.of() : List.copyOf(rdbSave));
    }

    public Integer expectedNodes() {
        return shards == null || replicasPerShard == null ? null : shards * (1 + replicasPerShard);
    }
}
