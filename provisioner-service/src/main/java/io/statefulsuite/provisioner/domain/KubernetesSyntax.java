package io.statefulsuite.provisioner.domain;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** The API server's syntax rules for names, labels and quantities, checked before anything is sent. */
public final class KubernetesSyntax {

    public static final int MAX_LABEL_LENGTH = 63;
    public static final int MAX_SUBDOMAIN_LENGTH = 253;

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    /** Kubernetes' quantity grammar; fabric8's parser alone is more lenient (it accepts "1 Gi", for one). */
    private static final Pattern QUANTITY =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?");

    private KubernetesSyntax() {
    }

    /** Names of most namespaced objects' label-like parts: pods' hostnames, namespaces, label-sized names. */
    public static boolean isDns1123Label(String value) {
        return value != null && value.length() <= MAX_LABEL_LENGTH && DNS1123_LABEL.matcher(value).matches();
    }

    /** Service names: a DNS-1123 label that starts with a letter. */
    public static boolean isDns1035Label(String value) {
        return value != null && value.length() <= MAX_LABEL_LENGTH && DNS1035_LABEL.matcher(value).matches();
    }

    /** Names of ConfigMaps, Secrets, PVCs, StorageClasses and the like. */
    public static boolean isDns1123Subdomain(String value) {
        return value != null && value.length() <= MAX_SUBDOMAIN_LENGTH && DNS1123_SUBDOMAIN.matcher(value).matches();
    }

    public static boolean isLabelValue(String value) {
        return value != null && (value.isEmpty()
                || value.length() <= MAX_LABEL_LENGTH && LABEL_NAME.matcher(value).matches());
    }

    /** {@code [prefix/]name}, the prefix a DNS subdomain. */
    public static boolean isLabelKey(String key) {
        if (key == null) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean prefixOk = slash < 0 || isDns1123Subdomain(key.substring(0, slash));
        return prefixOk && name.length() <= MAX_LABEL_LENGTH && LABEL_NAME.matcher(name).matches();
    }

    public static boolean isSecretKey(String key) {
        return key != null && key.length() <= MAX_SUBDOMAIN_LENGTH && SECRET_KEY.matcher(key).matches();
    }

    /** The numeric value of a Kubernetes quantity (bytes, cores), or empty when it does not parse. */
    public static Optional<BigDecimal> quantity(String value) {
        if (value == null || !QUANTITY.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quantity.parse(value).getNumericalAmount());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
