package io.statefulsuite.secretssync.api;

import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.Problem;
import io.statefulsuite.secretssync.domain.Violation;
import io.statefulsuite.secretssync.keyvault.VaultException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

import static io.statefulsuite.kit.problem.CommonProblemMappers.instance;
import static io.statefulsuite.kit.problem.CommonProblemMappers.respond;

/**
 * The refusals of secrets-sync's own collaborator, the vault; the Kubernetes API's and everything else are answered
 * by service-kit's mappers, in the same problem vocabulary. No secret value is ever in a message.
 */
public class ProblemMappers {

    static List<FieldError> errors(List<Violation> violations) {
        return violations.stream().map(v -> new FieldError(v.field(), v.rule(), v.message())).toList();
    }

    @ServerExceptionMapper
    public Response vault(VaultException e, UriInfo uri) {
        int status = e.kind() == VaultException.Kind.THROTTLED ? 503 : e.kind() == VaultException.Kind.CONFLICT ? 409 : 502;
        String name = status == 503 ? "vault-throttled" : status == 409 ? "conflict" : "vault-error";
        return respond(Problem.of(name, "Key Vault error", status, e.getMessage(), instance(uri), List.of()));
    }
}
