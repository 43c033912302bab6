package io.statefulsuite.keyvault.emulator;

import java.util.Locale;

/** The secrets operations the emulator serves, as counted and targeted by faults. */
public enum Operation {
    LIST, GET, VERSIONS, SET, PATCH, DELETE, DELETED, PURGE, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Operation fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
