package io.statefulsuite.provisioner.domain;

import io.statefulsuite.provisioner.crd.AuthSpec;
import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.TlsSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a ValkeyCluster spec before anything is applied. Returns every violation at once (not just the
 * first), each naming its JSON field, so a pipeline can fix its request in one go.
 */
public final class SpecValidator {

    /**
     * Longest cluster name: StatefulSet {@code <c>-replica} plus the controller's {@code -<10-char hash>}
     * revision label must stay within 63 characters. With at most {@link #MAX_SHARDS} shards of
     * {@link #MAX_REPLICAS_PER_SHARD} replicas, every pod hostname ({@code <c>-replica-4999}) and claim
     * ({@code data-<c>-replica-4999}) then fits in 63 characters too; the rendered-object validator checks it.
     */
    public static final int MAX_NAME_LENGTH = KubernetesSyntax.MAX_LABEL_LENGTH - "-replica".length() - 11;
    public static final int MAX_SHARDS = 1000;
    public static final int MAX_REPLICAS_PER_SHARD = 5;
    public static final Set<String> STORAGE_SKUS =
            Set.of("Premium_LRS", "Premium_ZRS", "PremiumV2_LRS", "StandardSSD_LRS", "StandardSSD_ZRS");

    /**
     * Node labels the rendered affinity and zone spread decide on; a node selector on one of them would pin all
     * pods to one zone or node. The same list is in the CRD's CEL rule on spec.nodeSelector.
     */
    private static final Set<String> PLACEMENT_LABELS = Set.of("topology.kubernetes.io/zone",
            "failure-domain.beta.kubernetes.io/zone", "kubernetes.io/hostname");

    private static final String INLINE_CLASS = "spec.storage.storageClass.";
    private static final Set<String> APPENDFSYNC = Set.of("always", "everysec", "no");
    private static final Pattern RDB_RULE = Pattern.compile("[1-9]\\d{0,9} [1-9]\\d{0,9}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]{1,40}");
    private static final String DOMAIN = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
            + "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    /** The Docker/OCI reference grammar: [registry[:port]/]path[:tag][@digest]. */
    private static final Pattern IMAGE = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH_COMPONENT
            + "(?:/" + PATH_COMPONENT + ")*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");

    private SpecValidator() {
    }

    /** Violations of a new (or replacing) spec for cluster {@code name} in {@code namespace}. */
    public static List<Violation> validate(String namespace, String name, ValkeyClusterSpec spec) {
        Checks check = new Checks();
        ValkeyClusterSpec s = spec == null ? new ValkeyClusterSpec() : spec;
        checkMetadata(check, namespace, name);
        boolean countsInRange = checkTopology(check, s);
        checkPlacement(check, s, countsInRange);
        checkImageAndResources(check, s);
        checkStorage(check, s.getStorage());
        checkPersistence(check, s.getPersistence());
        checkAuth(check, s.getAuth());
        checkTls(check, s.getTls());
        checkMemory(check, s);
        checkConfig(check, s.getConfig());
        return check.violations();
    }

    /**
     * Violations of changing {@code current} to {@code desired}: those of {@code desired} itself, plus the
     * changes Kubernetes or Valkey cannot carry out (shrinking volumes, removing shards or zones, moving the
     * data to another storage class).
     */
    public static List<Violation> validateUpdate(String namespace, String name, ValkeyClusterSpec current,
                                                 ValkeyClusterSpec desired) {
        List<Violation> violations = new ArrayList<>(validate(namespace, name, desired));
        if (!violations.isEmpty()) {
            return violations;
        }
        ResolvedSpec before = ResolvedSpec.resolve(namespace, name, current);
        ResolvedSpec after = ResolvedSpec.resolve(namespace, name, desired);
        Checks check = new Checks();
        if (after.shards() < before.shards()) {
            check.add("spec.shards", "immutable-decrease", "shards cannot be decreased (from " + before.shards()
                    + " to " + after.shards() + "): removing a shard would drop its hash slots");
        }
        BigDecimal sizeBefore = KubernetesSyntax.quantity(before.storageSize()).orElse(BigDecimal.ZERO);
        BigDecimal sizeAfter = KubernetesSyntax.quantity(after.storageSize()).orElseThrow();
        if (sizeAfter.compareTo(sizeBefore) < 0) {
            check.add("spec.storage.size", "immutable-decrease", "storage size cannot be decreased (from "
                    + before.storageSize() + " to " + after.storageSize() + "): volumes can only grow");
        }
        if (!after.storageClassName().equals(before.storageClassName())) {
            check.add("spec.storage.storageClassName", "immutable", "the storage class cannot be changed (is "
                    + before.storageClassName() + "): existing volumes stay on their class");
        } else if (before.inlineStorageClass() != null && after.inlineStorageClass() != null) {
            checkStorageClassUpdate(check, INLINE_CLASS, before.inlineStorageClass(), after.inlineStorageClass());
        }
        List<String> removedZones = before.zones().stream().filter(z -> !after.zones().contains(z)).toList();
        if (!removedZones.isEmpty()) {
            check.add("spec.zones", "immutable-remove", "zones " + removedZones + " cannot be removed: "
                    + "volumes there are bound to their zone");
        }
        if (!Objects.equals(before.region(), after.region())) {
            check.add("spec.region", "immutable", "the region cannot be changed (is " + before.region() + ")");
        }
        if (!Objects.equals(before.tlsSecretName(), after.tlsSecretName())) {
            check.add("spec.tls", "immutable", "TLS cannot be added, removed or changed after creation (is "
                    + (before.tls() ? "on with Secret " + before.tlsSecretName() : "off")
                    + "): TLS and plain nodes cannot talk to each other while pods are replaced");
        }
        violations.addAll(check.violations());
        return violations;
    }

    /**
     * Violations of a StorageClass of its own (the storage-classes endpoint); {@code fieldPrefix} is prepended to
     * the field names, e.g. "" or "spec.storage.storageClass.".
     */
    public static List<Violation> validateStorageClass(String fieldPrefix, StorageClassSpec storageClass) {
        Checks check = new Checks();
        checkStorageClass(check, fieldPrefix, storageClass);
        check.require(storageClass.getName() != null, fieldPrefix + "name", "required", "a storage class needs a name");
        return check.violations();
    }

    /** Violations of changing a StorageClass; both must be resolved ({@link ResolvedSpec#resolveStorageClass}). */
    public static List<Violation> validateStorageClassUpdate(String fieldPrefix, StorageClassSpec before,
                                                             StorageClassSpec after) {
        Checks check = new Checks();
        checkStorageClassUpdate(check, fieldPrefix, before, after);
        return check.violations();
    }

    private static void checkStorageClassUpdate(Checks check, String field, StorageClassSpec before,
                                                StorageClassSpec after) {
        // Kubernetes refuses changes to a StorageClass's parameters and policies; only expansion may change.
        check.require(Objects.equals(before.getSkuName(), after.getSkuName()), field + "skuName", "immutable",
                "the disk SKU of an existing storage class cannot be changed (is " + before.getSkuName() + ")");
        check.require(Objects.equals(before.getReclaimPolicy(), after.getReclaimPolicy()), field + "reclaimPolicy",
                "immutable", "reclaimPolicy of an existing storage class cannot be changed");
        check.require(Objects.equals(before.getVolumeBindingMode(), after.getVolumeBindingMode()),
                field + "volumeBindingMode", "immutable",
                "volumeBindingMode of an existing storage class cannot be changed");
    }

    private static void checkMetadata(Checks check, String namespace, String name) {
        check.require(KubernetesSyntax.isDns1123Label(namespace), "metadata.namespace", "dns-1123-label",
                "namespace must be a DNS-1123 label (lower-case letters, digits, '-'; at most 63 characters)");
        check.require(isDns1123Name(name), "metadata.name", "dns-1035-label",
                "name must start with a lower-case letter, contain only lower-case letters, digits and '-', "
                        + "end with a letter or digit, and be at most " + MAX_NAME_LENGTH + " characters");
    }

    private static boolean isDns1123Name(String name) {
        return KubernetesSyntax.isDns1035Label(name) && name.length() <= MAX_NAME_LENGTH;
    }

    /** Whether shards and replicasPerShard are within their bounds; each one that is not is a violation. */
    private static boolean checkTopology(Checks check, ValkeyClusterSpec s) {
        Integer shards = s.getShards();
        boolean inRange = check.require(shards == null || shards >= 3, "spec.shards", "min",
                "shards must be at least 3 (a Valkey cluster needs a majority of primaries to fail over)");
        inRange &= check.require(shards == null || shards <= MAX_SHARDS, "spec.shards", "max",
                "shards must be at most " + MAX_SHARDS);
        Integer replicas = s.getReplicasPerShard();
        inRange &= check.require(replicas == null || replicas >= 0 && replicas <= MAX_REPLICAS_PER_SHARD,
                "spec.replicasPerShard", "range", "replicasPerShard must be between 0 and " + MAX_REPLICAS_PER_SHARD);
        return inRange;
    }

    /** Zones and node selector; how replicas fit the zones only once the counts and zones are valid themselves. */
    private static void checkPlacement(Checks check, ValkeyClusterSpec s, boolean countsInRange) {
        String region = s.getRegion();
        check.require(region == null || REGION.matcher(region).matches(), "spec.region", "format",
                "region must be lower-case letters and digits, e.g. westeurope");
        List<String> zones = s.getZones();
        boolean zonesWellFormed = zones == null || checkZones(check, zones, region);
        if (zonesWellFormed && countsInRange) {
            checkZoneSeparation(check, Objects.requireNonNullElse(s.getShards(), ResolvedSpec.DEFAULT_SHARDS),
                    Objects.requireNonNullElse(s.getReplicasPerShard(), ResolvedSpec.DEFAULT_REPLICAS_PER_SHARD),
                    Objects.requireNonNullElse(zones, ResolvedSpec.DEFAULT_ZONES).size());
        }
        Map<String, String> nodeSelector = s.getNodeSelector();
        if (nodeSelector != null) {
            nodeSelector.forEach((key, value) -> checkNodeSelectorEntry(check, key, value));
        }
    }

    /** Whether every zone is a distinct, valid label value; each one that is not is a violation. */
    private static boolean checkZones(Checks check, List<String> zones, String region) {
        boolean wellFormed = check.require(!zones.isEmpty(), "spec.zones", "min-items",
                "zones must name at least one zone");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            String field = "spec.zones[" + i + "]";
            String label = zone == null || region == null ? zone : region + "-" + zone;
            wellFormed &= check.require(zone != null && !zone.isEmpty() && KubernetesSyntax.isLabelValue(label), field,
                    "label-value", "zone must be non-empty and, with the region prefix, a valid label value "
                            + "(letters, digits, '-', '_', '.'; at most 63 characters)");
            wellFormed &= check.require(zone == null || seen.add(zone), field, "unique",
                    "zone " + zone + " is listed twice");
        }
        return wellFormed;
    }

    /**
     * A replica never runs in its primary's zone. Each StatefulSet spreads its pods evenly over the zones (zone
     * spread with maxSkew 1, DoNotSchedule) but independently of the other, so one zone can get the most primaries
     * and the most replicas at once; the replicas those primaries need must then fit into the other zones.
     * With the shard minimum of 3 this refuses one zone, and two zones with an odd number of shards.
     */
    private static void checkZoneSeparation(Checks check, int shards, int replicasPerShard, int zones) {
        if (replicasPerShard == 0) {
            return;
        }
        if (zones == 1) {
            check.add("spec.zones", "min-zones", "replicasPerShard " + replicasPerShard + " needs at least 2 zones: "
                    + "a replica never runs in its primary's zone (list more zones, or set replicasPerShard to 0)");
            return;
        }
        int replicaPods = shards * replicasPerShard;
        int primariesInFullestZone = ceilDiv(shards, zones);
        int replicasInFullestZone = ceilDiv(replicaPods, zones);
        int replicasNeededElsewhere = primariesInFullestZone * replicasPerShard;
        int replicasElsewhere = replicaPods - replicasInFullestZone;
        check.require(replicasNeededElsewhere <= replicasElsewhere, "spec.zones", "zone-separation",
                shards + " shards over " + zones + " zones can put " + primariesInFullestZone + " primaries and "
                        + replicasInFullestZone + " replicas into one zone (each StatefulSet spreads evenly on its "
                        + "own); their " + replicasNeededElsewhere + " replicas must run in the other zones, which get "
                        + "only " + replicasElsewhere + " (use a multiple of " + zones + " shards, or more zones)");
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private static void checkNodeSelectorEntry(Checks check, String key, String value) {
        String field = "spec.nodeSelector." + key;
        check.require(KubernetesSyntax.isLabelKey(key), field, "label-key",
                "node selector key must be a valid label key ([prefix/]name)");
        check.require(KubernetesSyntax.isLabelValue(value), field, "label-value",
                "node selector value must be a valid label value");
        check.require(!PLACEMENT_LABELS.contains(key), field, "managed", key + " is managed by the provisioner: "
                + "spec.zones places the pods, and this selector would pin every pod to one zone or node (or, "
                + "with a zone not in spec.zones, to none)");
    }

    private static void checkImageAndResources(Checks check, ValkeyClusterSpec s) {
        String image = s.getImage();
        check.require(image == null || image.length() <= 512 && IMAGE.matcher(image).matches(), "spec.image",
                "image-reference", "image must be a container image reference, e.g. valkey/valkey:8.1 or "
                        + "myregistry.azurecr.io/valkey:8.1@sha256:<digest>");
        if (s.getResources() == null) {
            return;
        }
        ResolvedSpec.quantities(s.getResources().getRequests()).forEach((resource, value) ->
                checkPositiveQuantity(check, "spec.resources.requests." + resource, value));
        ResolvedSpec.quantities(s.getResources().getLimits()).forEach((resource, value) ->
                checkPositiveQuantity(check, "spec.resources.limits." + resource, value));
        Map<String, String> limits = ResolvedSpec.quantities(s.getResources().getLimits());
        ResolvedSpec.quantities(s.getResources().getRequests()).forEach((resource, request) -> {
            Optional<BigDecimal> req = KubernetesSyntax.quantity(request);
            Optional<BigDecimal> lim = KubernetesSyntax.quantity(limits.get(resource));
            check.require(req.isEmpty() || lim.isEmpty() || req.get().compareTo(lim.get()) <= 0,
                    "spec.resources.requests." + resource, "request-exceeds-limit",
                    resource + " request " + request + " is above its limit " + limits.get(resource));
        });
    }

    private static void checkStorage(Checks check, StorageSpec storage) {
        if (storage == null) {
            return;
        }
        if (storage.getSize() != null) {
            checkPositiveQuantity(check, "spec.storage.size", storage.getSize());
        }
        String className = storage.getStorageClassName();
        check.require(className == null || KubernetesSyntax.isDns1123Subdomain(className),
                "spec.storage.storageClassName", "dns-1123-subdomain",
                "storageClassName must be a DNS-1123 subdomain (lower-case letters, digits, '-', '.')");
        StorageClassSpec inline = storage.getStorageClass();
        if (inline == null) {
            return;
        }
        check.require(className == null || inline.getName() == null || className.equals(inline.getName()),
                "spec.storage.storageClassName", "conflict",
                "storageClassName differs from storageClass.name; set one of them");
        checkStorageClass(check, INLINE_CLASS, inline);
    }

    private static void checkStorageClass(Checks check, String field, StorageClassSpec storageClass) {
        check.require(storageClass.getName() == null || KubernetesSyntax.isDns1123Subdomain(storageClass.getName()),
                field + "name", "dns-1123-subdomain", "storage class name must be a DNS-1123 subdomain");
        check.require(storageClass.getSkuName() != null && STORAGE_SKUS.contains(storageClass.getSkuName()),
                field + "skuName", "unknown-sku", "skuName must be one of " + sorted(STORAGE_SKUS));
        check.require(storageClass.getReclaimPolicy() == null
                        || Set.of("Delete", "Retain").contains(storageClass.getReclaimPolicy()),
                field + "reclaimPolicy", "enum", "reclaimPolicy must be Delete or Retain");
        check.require(storageClass.getVolumeBindingMode() == null
                        || Set.of("WaitForFirstConsumer", "Immediate").contains(storageClass.getVolumeBindingMode()),
                field + "volumeBindingMode", "enum", "volumeBindingMode must be WaitForFirstConsumer or Immediate");
    }

    private static void checkPersistence(Checks check, PersistenceSpec persistence) {
        if (persistence == null) {
            return;
        }
        String fsync = persistence.getAppendfsync();
        check.require(fsync == null || APPENDFSYNC.contains(fsync), "spec.persistence.appendfsync", "enum",
                "appendfsync must be always, everysec or no");
        List<String> rules = persistence.getRdbSave();
        for (int i = 0; rules != null && i < rules.size(); i++) {
            String rule = rules.get(i);
            check.require(rule != null && RDB_RULE.matcher(rule).matches(), "spec.persistence.rdbSave[" + i + "]",
                    "rdb-save-rule", "an RDB save rule is \"<seconds> <changes>\", two positive integers, "
                            + "e.g. \"900 1\"");
        }
    }

    private static void checkAuth(Checks check, AuthSpec auth) {
        if (auth == null) {
            return;
        }
        check.require(auth.getSecretName() == null || KubernetesSyntax.isDns1123Subdomain(auth.getSecretName()),
                "spec.auth.secretName", "dns-1123-subdomain", "secretName must be a DNS-1123 subdomain");
        check.require(auth.getPasswordKey() == null || KubernetesSyntax.isSecretKey(auth.getPasswordKey()),
                "spec.auth.passwordKey", "secret-key", "passwordKey must consist of letters, digits, '-', '_' or '.'");
        VaultPassword.validate(auth.getKeyVault()).forEach(v -> check.add(v.field(), v.rule(), v.message()));
    }

    private static void checkTls(Checks check, TlsSpec tls) {
        if (tls == null) {
            return;
        }
        String secretName = tls.getSecretName();
        if (secretName == null) {
            check.add("spec.tls.secretName", "required", "tls needs the secretName of a kubernetes.io/tls Secret "
                    + "with tls.crt, tls.key and ca.crt");
            return;
        }
        check.require(KubernetesSyntax.isDns1123Subdomain(secretName), "spec.tls.secretName", "dns-1123-subdomain",
                "secretName must be a DNS-1123 subdomain (lower-case letters, digits, '-', '.'; at most "
                        + KubernetesSyntax.MAX_SUBDOMAIN_LENGTH + " characters)");
    }

    private static void checkMemory(Checks check, ValkeyClusterSpec s) {
        String maxmemory = s.getMaxmemory();
        Optional<BigInteger> maxBytes = ValkeyDirectives.memoryBytes(maxmemory);
        check.require(maxmemory == null || maxBytes.isPresent(), "spec.maxmemory", "memory",
                "maxmemory must be a size like 2gb, 512mb, 1073741824 or 2Gi");
        String policy = s.getMaxmemoryPolicy();
        check.require(policy == null || ValkeyDirectives.isMaxmemoryPolicy(policy), "spec.maxmemoryPolicy", "enum",
                "maxmemoryPolicy must be one of " + sorted(ValkeyDirectives.maxmemoryPolicies()));
        String memoryLimit = s.getResources() == null || s.getResources().getLimits() == null ? null
                : s.getResources().getLimits().getMemory();
        Optional<BigDecimal> limitBytes = KubernetesSyntax.quantity(memoryLimit);
        check.require(maxBytes.isEmpty() || limitBytes.isEmpty()
                        || new BigDecimal(maxBytes.get()).compareTo(limitBytes.get()) < 0,
                "spec.maxmemory", "exceeds-limit", "maxmemory " + maxmemory + " must be below the memory limit "
                        + memoryLimit + " (replication buffers and forks need headroom), or the pod is OOM-killed");
    }

    private static void checkConfig(Checks check, Map<String, String> config) {
        if (config == null) {
            return;
        }
        config.forEach((key, value) -> {
            String field = "spec.config." + key;
            Optional<String> managed = ValkeyDirectives.managedReason(key);
            if (managed.isPresent()) {
                check.add(field, "managed", key + " is managed by the provisioner: " + managed.get());
            } else if (!ValkeyDirectives.isAllowed(key)) {
                check.add(field, "not-allowed", key + " is not an allowed directive; allowed: "
                        + sorted(ValkeyDirectives.ALLOWED));
            } else {
                check.require(ValkeyDirectives.isSafeValue(value), field, "value",
                        "value must be one line of printable characters without quotes, '\\' or '#'");
            }
        });
    }

    private static void checkPositiveQuantity(Checks check, String field, String value) {
        Optional<BigDecimal> amount = KubernetesSyntax.quantity(value);
        check.require(amount.isPresent(), field, "quantity",
                "'" + value + "' is not a Kubernetes quantity (e.g. 500m, 2, 20Gi)");
        check.require(amount.isEmpty() || amount.get().signum() > 0, field, "positive", "must be greater than 0");
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
