package io.statefulsuite.health.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The persistence directives from {@code CONFIG GET appendonly appendfsync save dir}; null when not readable. */
public record NodeConfig(Boolean appendOnly, String appendFsync, List<String> saveRules, String dir) {

    public static final NodeConfig UNKNOWN = new NodeConfig(null, null, null, null);

    public static NodeConfig of(Map<String, String> values) {
        String appendOnly = values.get("appendonly");
        String save = values.get("save");
        return new NodeConfig(appendOnly == null ? null : "yes".equalsIgnoreCase(appendOnly), values.get("appendfsync"),
                save == null ? null : saveRules(save), values.get("dir"));
    }

    /** {@code "900 1 300 10"} → {@code ["900 1", "300 10"]}, the form the ValkeyCluster spec uses. */
    static List<String> saveRules(String save) {
        String[] numbers = save.trim().isEmpty() ? new String[0] : save.trim().split("\\s+");
        List<String> rules = new ArrayList<>();
        for (int i = 0; i + 1 < numbers.length; i += 2) {
            rules.add(numbers[i] + " " + numbers[i + 1]);
        }
        return List.copyOf(rules);
    }
}
