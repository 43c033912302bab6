package io.statefulsuite.provisioner.domain.formation;

import java.util.HashMap;
import java.util.Map;

/** The {@code key:value} lines of INFO and CLUSTER INFO. */
public final class InfoFields {

    private InfoFields() {
    }

    public static Map<String, String> parse(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
