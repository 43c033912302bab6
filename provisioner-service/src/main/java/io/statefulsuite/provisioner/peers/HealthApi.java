package io.statefulsuite.provisioner.peers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.stream.Collectors;

/** The part of valkey-health-service's REST API the provisioner uses. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface HealthApi {

    @GET
    @Path("/namespaces/{namespace}/valkey-clusters/{name}/health")
    Verdict health(@PathParam("namespace") String namespace, @PathParam("name") String name,
                   @QueryParam("fresh") boolean fresh);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Verdict(String status, String checkedAt, List<Finding> findings) {

        private static final int MAX_SUMMARY = 512;

        public List<Finding> findingsOrEmpty() {
            return findings == null ? List.of() : findings;
        }

        /** The verdict and its first findings in one line, short enough for a condition message. */
        public String summary() {
            String findingsText = findingsOrEmpty().stream().limit(3)
                    .map(f -> f.severity() + " " + f.check() + ": " + f.message())
                    .collect(Collectors.joining("; "));
            String line = status + (findingsOrEmpty().isEmpty() ? ", no findings"
                    : ", " + findingsOrEmpty().size() + " finding(s): " + findingsText);
            return line.length() <= MAX_SUMMARY ? line : line.substring(0, MAX_SUMMARY - 1) + "…";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Finding(String check, String severity, String message) {
    }
}
