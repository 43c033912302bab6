package io.statefulsuite.secretssync.manifests;

import io.statefulsuite.secretssync.domain.Policies;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.domain.SecretTypes;
import io.statefulsuite.secretssync.domain.SpecValidator;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.Target;
import io.statefulsuite.secretssync.domain.TargetData;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides what to do to a target Secret: create, update, recreate, delete, leave alone, or refuse — and
 * builds the object to write. Never overwrites a Secret it does not manage unless the policy is Merge, and
 * then only its own keys.
 */
public final class TargetSecrets {

    public static final String MANAGED_BY_LABEL = SpecValidator.MANAGED_BY_LABEL;
    public static final String MANAGED_BY = "secrets-sync";
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String OWNER_ANNOTATION = "secrets-sync.stateful.suite.io/owner";
    public static final String HASH_ANNOTATION = "secrets-sync.stateful.suite.io/data-hash";
    public static final String KEYS_ANNOTATION = "secrets-sync.stateful.suite.io/keys";

    private TargetSecrets() {
    }

    /** The SecretSync a target belongs to. */
    public record Owner(String apiVersion, String kind, SyncKey key, String uid) {
        String annotation() {
            return key.toString();
        }
    }

    /** What to do to the target. */
    public sealed interface Write permits Create, Update, Recreate, Delete, Unchanged, Refused {
    }

    public record Create(Secret secret) implements Write {
    }

    public record Update(Secret secret) implements Write {
    }

    /** Immutable Secrets (or a type change) cannot be updated: delete, then create. */
    public record Recreate(Secret secret) implements Write {
    }

    public record Delete() implements Write {
    }

    public record Unchanged() implements Write {
    }

    public record Refused(String reason) implements Write {
    }

    public static String targetName(SecretSyncSpec spec, SyncKey key) {
        return spec.target().name() == null || spec.target().name().isEmpty() ? key.name() : spec.target().name();
    }

    public static Write plan(Owner owner, SecretSyncSpec spec, TargetData desired, Secret existing) {
        Policies.CreationPolicy policy = Policies.creationOf(spec);
        String name = targetName(spec, owner.key());
        if (existing == null) {
            return policy == Policies.CreationPolicy.Merge
                    ? new Refused("Secret " + name + " does not exist; creationPolicy Merge only writes into an existing Secret")
                    : new Create(build(owner, spec, desired));
        }
        if (policy == Policies.CreationPolicy.Merge) {
            return merge(owner, existing, desired);
        }
        if (!managedBy(existing, owner)) {
            return new Refused("Secret " + name + " exists and is not managed by this SecretSync; "
                    + "set target.creationPolicy: Merge to write only its keys into it");
        }
        Secret wanted = build(owner, spec, desired);
        wanted.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        if (sameContent(existing, wanted)) {
            return new Unchanged();
        }
        boolean recreate = Boolean.TRUE.equals(existing.getImmutable()) || !Objects.equals(existing.getType(), wanted.getType());
        return recreate ? new Recreate(withoutResourceVersion(wanted)) : new Update(wanted);
    }

    /** What deleting the SecretSync (or losing every source under deletionPolicy Delete) does to the target. */
    public static Write removal(Owner owner, SecretSyncSpec spec, Secret existing) {
        if (existing == null) {
            return new Unchanged();
        }
        if (Policies.creationOf(spec) == Policies.CreationPolicy.Merge) {
            Set<String> ours = ourKeys(existing, owner);
            if (ours.isEmpty()) {
                return new Unchanged();
            }
            Secret trimmed = new SecretBuilder(existing).build();
            Map<String, String> data = new TreeMap<>(existing.getData() == null ? Map.of() : existing.getData());
            data.keySet().removeAll(ours);
            trimmed.setData(data);
            trimmed.getMetadata().getAnnotations().remove(OWNER_ANNOTATION);
            trimmed.getMetadata().getAnnotations().remove(HASH_ANNOTATION);
            trimmed.getMetadata().getAnnotations().remove(KEYS_ANNOTATION);
            return new Update(trimmed);
        }
        return managedBy(existing, owner) ? new Delete() : new Unchanged();
    }

    public static boolean managedBy(Secret secret, Owner owner) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        return labels != null && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL))
                && annotations != null && owner.annotation().equals(annotations.get(OWNER_ANNOTATION));
    }

    /** The part of an existing target this sync wrote: all of it, or only its keys under Merge. */
    public static TargetData ourData(Secret existing, Owner owner, SecretSyncSpec spec) {
        if (existing == null) {
            return null;
        }
        Map<String, String> data = new TreeMap<>(existing.getData() == null ? Map.of() : existing.getData());
        if (Policies.creationOf(spec) == Policies.CreationPolicy.Merge) {
            data.keySet().retainAll(ourKeys(existing, owner));
        }
        return TargetData.fromBase64(data);
    }

    private static Write merge(Owner owner, Secret existing, TargetData desired) {
        String foreignOwner = existing.getMetadata().getAnnotations() == null ? null
                : existing.getMetadata().getAnnotations().get(OWNER_ANNOTATION);
        if (foreignOwner != null && !foreignOwner.equals(owner.annotation())) {
            return new Refused("Secret " + existing.getMetadata().getName() + " is already written by SecretSync "
                    + foreignOwner);
        }
        Map<String, String> data = new TreeMap<>(existing.getData() == null ? Map.of() : existing.getData());
        data.keySet().removeAll(ourKeys(existing, owner));
        data.putAll(desired.toBase64());
        Secret merged = new SecretBuilder(existing).withData(data)
                .editMetadata().addToAnnotations(ownerAnnotations(owner, desired)).endMetadata().build();
        return sameContent(existing, merged) ? new Unchanged() : new Update(merged);
    }

    private static Set<String> ourKeys(Secret existing, Owner owner) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        if (annotations == null || !owner.annotation().equals(annotations.get(OWNER_ANNOTATION))) {
            return Set.of();
        }
        String keys = annotations.getOrDefault(KEYS_ANNOTATION, "");
        return keys.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(keys.split(",")));
    }

    static Secret build(Owner owner, SecretSyncSpec spec, TargetData desired) {
        Target target = spec.target();
        Map<String, String> labels = new LinkedHashMap<>(target.labelsOrEmpty());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.putIfAbsent(PART_OF_LABEL, "stateful-suite");
        Map<String, String> annotations = new LinkedHashMap<>(target.annotationsOrEmpty());
        annotations.putAll(ownerAnnotations(owner, desired));
        SecretBuilder builder = new SecretBuilder()
                .withNewMetadata()
                .withName(targetName(spec, owner.key()))
                .withNamespace(owner.key().namespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withType(SecretTypes.typeOf(target))
                .withData(desired.toBase64());
        if (Boolean.TRUE.equals(target.immutable())) {
            builder.withImmutable(true);
        }
        if (Policies.creationOf(spec) == Policies.CreationPolicy.Owner) {
            builder.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
                    .withApiVersion(owner.apiVersion()).withKind(owner.kind()).withName(owner.key().name())
                    .withUid(owner.uid()).withController(true).withBlockOwnerDeletion(false).build()).endMetadata();
        }
        return builder.build();
    }

    private static Map<String, String> ownerAnnotations(Owner owner, TargetData desired) {
        return Map.of(OWNER_ANNOTATION, owner.annotation(),
                HASH_ANNOTATION, desired.hash(),
                KEYS_ANNOTATION, String.join(",", desired.entries().keySet()));
    }

    private static boolean sameContent(Secret existing, Secret wanted) {
        return Objects.equals(nonNull(existing.getData()), nonNull(wanted.getData()))
                && Objects.equals(existing.getType(), wanted.getType())
                && Objects.equals(Boolean.TRUE.equals(existing.getImmutable()), Boolean.TRUE.equals(wanted.getImmutable()))
                && contains(existing.getMetadata().getLabels(), wanted.getMetadata().getLabels())
                && contains(existing.getMetadata().getAnnotations(), wanted.getMetadata().getAnnotations())
                && Objects.equals(nonNull(existing.getMetadata().getOwnerReferences()),
                nonNull(wanted.getMetadata().getOwnerReferences()));
    }

    private static boolean contains(Map<String, String> actual, Map<String, String> expected) {
        return expected == null || (actual != null && actual.entrySet().containsAll(expected.entrySet()));
    }

    private static <T> Object nonNull(Map<String, T> map) {
        return map == null ? Map.of() : map;
    }

    private static Object nonNull(List<?> list) {
        return list == null ? List.of() : list;
    }

    private static Secret withoutResourceVersion(Secret secret) {
        ObjectMeta metadata = secret.getMetadata();
        metadata.setResourceVersion(null);
        return secret;
    }
}
