package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.KubernetesSyntax;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.SpecValidator;
import io.statefulsuite.provisioner.domain.Violation;
import io.statefulsuite.provisioner.manifests.StorageClassManifest;
import io.statefulsuite.provisioner.k8s.ClusterObserver;
import io.statefulsuite.provisioner.k8s.StorageClasses;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Azure Disk StorageClasses and the volume claims of Valkey clusters. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage", description = "Azure Disk CSI storage classes and Valkey volume claims")
public class StorageResource {

    private final StorageClasses storageClasses;
    private final ClusterObserver observer;

    public StorageResource(StorageClasses storageClasses, ClusterObserver observer) {
        this.storageClasses = storageClasses;
        this.observer = observer;
    }

    /** Storage classes of every provisioner, the Azure Disk ones among them. */
    public record StorageClassList(List<StorageClassView> items) {
    }

    /** Volume claims with the pod using each and its zone. */
    public record VolumeClaimList(List<io.statefulsuite.provisioner.crd.ValkeyVolumeStatus> items) {
    }

    @GET
    @Path("/storage-classes")
    @Operation(summary = "List storage classes")
    public StorageClassList list() {
        return new StorageClassList(storageClasses.list().stream().map(StorageClassView::of).toList());
    }

    @GET
    @Path("/storage-classes/{name}")
    @Operation(summary = "Read a storage class")
    @APIResponse(responseCode = "404", description = "No such storage class")
    public StorageClassView get(@PathParam("name") String name) {
        Violations.reject(PathNames.storageClassViolations(name));
        return storageClasses.find(name).map(StorageClassView::of)
                .orElseThrow(() -> ProblemException.notFound("StorageClass " + name + " does not exist"));
    }

    @PUT
    @Path("/storage-classes/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update an Azure Disk CSI storage class",
            description = "Provisioner disk.csi.azure.com. skuName is required (Premium_LRS, Premium_ZRS, "
                    + "PremiumV2_LRS, StandardSSD_LRS, StandardSSD_ZRS); reclaimPolicy Delete|Retain (Delete), "
                    + "allowVolumeExpansion (true), volumeBindingMode WaitForFirstConsumer|Immediate "
                    + "(WaitForFirstConsumer). Only allowVolumeExpansion may change later.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Updated or unchanged")
    @APIResponse(responseCode = "422", description = "A field breaks a rule, or an immutable field changed")
    public Response put(@PathParam("name") String name, StorageClassSpec body) {
        StorageClassSpec desired = Objects.requireNonNullElseGet(body, StorageClassSpec::new);
        if (desired.getName() != null && !desired.getName().equals(name)) {
            throw ProblemException.invalid(List.of(new FieldError("name", "mismatch",
                    "name in the body (" + desired.getName() + ") differs from the URL (" + name + ")")));
        }
        desired.setName(name);
        Violations.reject(SpecValidator.validateStorageClass("", desired));
        StorageClassSpec resolved = ResolvedSpec.resolveStorageClass(name, desired);
        Optional<StorageClass> existing = storageClasses.find(name);
        existing.ifPresent(current -> Violations.reject(
                SpecValidator.validateStorageClassUpdate("", specOf(current), resolved)));
        StorageClass applied = storageClasses.apply(StorageClassManifest.render(name, resolved));
        return Response.status(existing.isPresent() ? 200 : 201).entity(StorageClassView.of(applied)).build();
    }

    @GET
    @Path("/namespaces/{namespace}/persistent-volume-claims")
    @Operation(summary = "List the volume claims of Valkey clusters",
            description = "Phase, capacity, storage class, the pod using each claim and that pod's zone.")
    public VolumeClaimList claims(@PathParam("namespace") String namespace,
                                  @Parameter(description = "only the claims of this cluster")
                                  @QueryParam("cluster") String cluster) {
        List<Violation> violations = new ArrayList<>(PathNames.namespaceViolations(namespace));
        if (cluster != null && !KubernetesSyntax.isLabelValue(cluster)) {
            violations.add(new Violation("cluster", "label-value", "cluster must be a cluster name (a label value)"));
        }
        Violations.reject(violations);
        Map<String, String> selector = cluster == null
                ? Map.of(ClusterLabels.NAME, ClusterLabels.APP_NAME) : ClusterLabels.allPodsSelector(cluster);
        return new VolumeClaimList(observer.observe(namespace, selector).volumeStatuses());
    }

    private static StorageClassSpec specOf(StorageClass current) {
        StorageClassSpec spec = new StorageClassSpec(current.getParameters() == null ? null
                : current.getParameters().get("skuName"));
        spec.setName(current.getMetadata().getName());
        spec.setReclaimPolicy(current.getReclaimPolicy());
        spec.setAllowVolumeExpansion(current.getAllowVolumeExpansion());
        spec.setVolumeBindingMode(current.getVolumeBindingMode());
        return spec;
    }
}
