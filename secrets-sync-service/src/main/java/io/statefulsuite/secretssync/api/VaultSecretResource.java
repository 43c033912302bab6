package io.statefulsuite.secretssync.api;

import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.secretssync.domain.Names;
import io.statefulsuite.secretssync.domain.PasswordPolicy;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.domain.SpecValidator;
import io.statefulsuite.secretssync.domain.Target;
import io.statefulsuite.secretssync.domain.VaultRef;
import io.statefulsuite.secretssync.domain.Violation;
import io.statefulsuite.secretssync.keyvault.VaultSecretGenerator;
import io.statefulsuite.secretssync.sync.SyncEngine;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Generate-if-absent of vault secrets (what the provisioner calls before creating a cluster). */
@Path("/api/v1/vault-secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VaultSecretResource {

    /** Key Vault keeps a secret's content type as a short label (the portal allows 255 characters). */
    private static final int MAX_CONTENT_TYPE = 255;
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x20-\\x7E]{1," + MAX_CONTENT_TYPE + "}");

    private final VaultSecretGenerator generator;
    private final SyncEngine engine;

    public VaultSecretResource(VaultSecretGenerator generator, SyncEngine engine) {
        this.generator = generator;
        this.engine = engine;
    }

    /** 201 when a value was generated, 200 when the secret already existed (it is never overwritten). */
    @PUT
    @Path("/{nameAndAction}")
    public Response generate(@PathParam("nameAndAction") String nameAndAction, GenerateRequest request) {
        String name = CustomMethods.name(nameAndAction, "generate");
        if (request == null) {
            throw ProblemException.badRequest("a body with vault is required",
                    List.of(new FieldError("vault", "required", "vault is required")));
        }
        List<Violation> violations = new ArrayList<>();
        if (!Names.isVaultSecretName(name)) {
            violations.add(new Violation("name", "format", "name must be a vault secret name: 1-127 of 0-9, a-z, A-Z, '-'"));
        }
        violations.addAll(vaultViolations(request.vault()));
        int length = request.length() == null ? PasswordPolicy.DEFAULT_LENGTH : request.length();
        if (length < PasswordPolicy.MIN_LENGTH || length > PasswordPolicy.MAX_LENGTH) {
            violations.add(new Violation("length", "range", "length must be between " + PasswordPolicy.MIN_LENGTH
                    + " and " + PasswordPolicy.MAX_LENGTH));
        }
        PasswordPolicy.Charset charset = PasswordPolicy.Charset.parse(request.charset()).orElse(null);
        if (charset == null) {
            violations.add(new Violation("charset", "enum", "charset must be one of alphanumeric, alphanumeric-symbols, hex"));
        }
        if (request.contentType() != null && !CONTENT_TYPE.matcher(request.contentType()).matches()) {
            violations.add(new Violation("contentType", "format", "contentType must be 1-" + MAX_CONTENT_TYPE
                    + " printable characters"));
        }
        if (violations.isEmpty() && !engine.tenancy().anyNamespaceMayUse(request.vault())) {
            violations.add(new Violation("vault", "allowList", "vault " + request.vault() + " is not allowed for any namespace"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemMappers.errors(violations));
        }
        VaultSecretGenerator.Outcome outcome = generator.generateIfAbsent(new VaultRef(request.vault(), null), name,
                new PasswordPolicy(length, charset), request.contentType());
        return Response.status(outcome.created() ? 201 : 200)
                .entity(new GenerateResult(request.vault(), name, outcome.created(), outcome.version())).build();
    }

    /** The vault URL rules of a SecretSync, reported under {@code vault}. */
    private static List<Violation> vaultViolations(String vault) {
        SecretSyncSpec probe = new SecretSyncSpec(new VaultRef(vault, null), null, null, new Target(null, null, null,
                null, null, null, null, null), null);
        return SpecValidator.validate(probe).stream().filter(v -> v.field().equals("spec.vault.url"))
                .map(v -> new Violation("vault", v.rule(), v.message().replace("spec.vault.url", "vault"))).toList();
    }
}
