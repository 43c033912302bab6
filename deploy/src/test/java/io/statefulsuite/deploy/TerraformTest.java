package io.statefulsuite.deploy;

import io.statefulsuite.deploy.support.Hcl;
import io.statefulsuite.deploy.support.Hcl.Block;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.statefulsuite.deploy.support.Kustomize.one;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/terraform without a terraform binary (none here): variables declared vs used, the resources the AKS
 * layout needs with the settings that matter, consistency with the Kustomize overlay, and `terraform fmt` layout.
 */
class TerraformTest {

    private final List<Path> files = Repo.files(Repo.deploy("terraform"), ".tf");
    private final List<Block> blocks = Hcl.blocks(files);

    @Test
    void everyReferencedVariableIsDeclaredAndEveryDeclaredOneIsUsed() {
        Set<String> declared = blocks.stream().filter(b -> b.type().equals("variable")).map(b -> b.label(0))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> referenced = new TreeSet<>();
        Matcher reference = Pattern.compile("\\bvar\\.(\\w+)").matcher(Repo.concatenated(files));
        while (reference.find()) {
            referenced.add(reference.group(1));
        }
        assertThat(referenced).isEqualTo(declared);
        blocks.stream().filter(b -> b.type().equals("variable")).forEach(v -> assertThat(v.attributes())
                .as("variable " + v.label(0)).containsKeys("description", "type"));
    }

    @Test
    void theAksLayoutIsComplete() {
        assertThat(resourceTypes()).contains("azurerm_resource_group", "azurerm_kubernetes_cluster",
                "azurerm_kubernetes_cluster_node_pool", "azurerm_key_vault", "azurerm_container_registry",
                "azurerm_user_assigned_identity", "azurerm_federated_identity_credential", "azurerm_role_assignment");
        assertThat(local("zones")).isEqualTo("[\"1\", \"2\", \"3\"]");

        Block aks = resource("azurerm_kubernetes_cluster", "suite");
        assertThat(aks.attributes()).containsEntry("sku_tier", "\"Standard\"")
                .containsEntry("oidc_issuer_enabled", "true")
                .containsEntry("workload_identity_enabled", "true");
        assertThat(aks.nested("default_node_pool")).containsEntry("zones", "local.zones");
        assertThat(aks.body()).contains("dynamic \"key_vault_secrets_provider\"");

        Block valkeyPool = resource("azurerm_kubernetes_cluster_node_pool", "valkey");
        assertThat(valkeyPool.attributes()).containsEntry("name", "\"valkey\"").containsEntry("zones", "local.zones")
                .containsEntry("kubernetes_cluster_id", "azurerm_kubernetes_cluster.suite.id");

        assertThat(resource("azurerm_key_vault", "suite").attributes()).containsEntry("enable_rbac_authorization", "true")
                .containsEntry("purge_protection_enabled", "true");
        assertThat(resource("azurerm_role_assignment", "kubelet_acr_pull").attributes())
                .containsEntry("role_definition_name", "\"AcrPull\"")
                .containsEntry("principal_id", "azurerm_kubernetes_cluster.suite.kubelet_identity[0].object_id")
                .containsEntry("scope", "azurerm_container_registry.suite.id");
        assertThat(resource("azurerm_role_assignment", "secrets_sync_secrets").attributes())
                .containsEntry("role_definition_id", "azurerm_role_definition.secrets_sync.role_definition_resource_id")
                .containsEntry("scope", "azurerm_key_vault.suite.id");
    }

    @Test
    void secretsSyncMayReadAndAddSecretVersionsOnlyAsItsKeyVaultGatewayDoes() {
        String gateway = Repo.concatenated(Repo.javaSources("secrets-sync-service").stream()
                .filter(p -> p.getFileName().toString().equals("KeyVaultGateway.java")).toList());
        assertThat(gateway).contains(".listPropertiesOfSecrets()", ".getSecretWithResponse(", ".setSecret(")
                .doesNotContain("beginDeleteSecret", "purgeDeletedSecret");
        Set<String> granted = new TreeSet<>();
        Matcher action = Pattern.compile("\"(Microsoft\\.KeyVault/[^\"]+)\"")
                .matcher(resource("azurerm_role_definition", "secrets_sync").body());
        while (action.find()) {
            granted.add(action.group(1));
        }
        assertThat(granted).containsExactlyInAnyOrder("Microsoft.KeyVault/vaults/secrets/readMetadata/action",
                "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/setSecret/action");
    }

    @Test
    void federatedCredentialsTrustExactlyTheServiceAccountsTheAksOverlayWires() {
        Map<String, String> credential = resource("azurerm_federated_identity_credential", "workload").attributes();
        assertThat(credential).containsEntry("issuer", "azurerm_kubernetes_cluster.suite.oidc_issuer_url")
                .containsEntry("audience", "[\"api://AzureADTokenExchange\"]")
                .containsEntry("subject", "\"system:serviceaccount:${var.suite_namespace}:${each.value}\"");
        List<Manifest> aks = Kustomize.build(Repo.deploy("kubernetes/overlays/aks"));
        Set<String> wired = Kustomize.ofKind(aks, "ServiceAccount").stream()
                .filter(sa -> sa.annotations().containsKey("azure.workload.identity/client-id"))
                .peek(sa -> assertThat(sa.namespace()).isEqualTo(variableDefault("suite_namespace")))
                .map(Manifest::name).collect(Collectors.toSet());
        Set<String> trusted = new TreeSet<>();
        Matcher value = Pattern.compile("=\\s*\"([^\"]+)\"").matcher(localBlock("workload_identities"));
        while (value.find()) {
            trusted.add(value.group(1));
        }
        assertThat(trusted).isEqualTo(wired);
    }

    @Test
    void theOutputsTheAksOverlayAsksForExistAndTheRegistryMatches() {
        Set<String> outputs = blocks.stream().filter(b -> b.type().equals("output")).map(b -> b.label(0)).collect(Collectors.toSet());
        Set<String> asked = new TreeSet<>();
        for (Path file : Repo.files(Repo.deploy("kubernetes/overlays/aks"), ".yaml")) {
            Matcher mention = Pattern.compile("(?:terraform output |#\\s+)(\\w+_(?:id|server))\\b").matcher(Repo.read(file));
            while (mention.find()) {
                asked.add(mention.group(1));
            }
        }
        assertThat(asked).contains("acr_login_server", "provisioner_identity_client_id", "secrets_sync_identity_client_id");
        assertThat(outputs).containsAll(asked);
        String registry = variableDefault("acr_name") + ".azurecr.io/";
        List<Manifest> aks = Kustomize.build(Repo.deploy("kubernetes/overlays/aks"));
        assertThat(one(aks, "Deployment", "provisioner-service").at("/spec/template/spec/containers/0/image").asText())
                .startsWith(registry);
    }

    @Test
    void filesAreInTerraformFmtLayout() {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String[] lines = Repo.read(file).split("\n", -1);
            int depth = 0;
            int groupColumn = -1;
            int groupIndent = -1;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String where = file.getFileName() + ":" + (i + 1);
                if (line.contains("\t") || line.endsWith(" ")) {
                    problems.add(where + " tab or trailing space");
                }
                String trimmed = line.trim();
                int closing = trimmed.startsWith("}") || trimmed.startsWith("]") ? 1 : 0;
                int indent = line.length() - line.stripLeading().length();
                if (!trimmed.isEmpty() && indent != 2 * (depth - closing)) {
                    problems.add(where + " indented " + indent + ", expected " + 2 * (depth - closing));
                }
                Matcher attribute = Pattern.compile("^(\\s*)([\\w-]+)(\\s*)= ").matcher(line);
                if (attribute.find() && depth > 0) {
                    int column = attribute.end() - 2;
                    if (groupIndent == indent && column != groupColumn) {
                        problems.add(where + " '=' not aligned with the attributes above");
                    }
                    groupIndent = indent;
                    groupColumn = column;
                    if (attribute.group(3).length() > 1 && !longestKeyAligned(lines, i, indent, column)) {
                        problems.add(where + " more padding before '=' than the longest name needs");
                    }
                } else {
                    groupIndent = -1;
                }
                depth += balance(line);
            }
            if (!lines[lines.length - 1].isEmpty()) {
                problems.add(file.getFileName() + " does not end with a newline");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** In a group, '=' sits one space after the longest name: some line of the group has exactly one space. */
    private static boolean longestKeyAligned(String[] lines, int at, int indent, int column) {
        Pattern attribute = Pattern.compile("^\\s{" + indent + "}[\\w-]+ = ");
        for (int step : new int[] {-1, 1}) {
            for (int i = at; i >= 0 && i < lines.length && lines[i].matches("^\\s{" + indent + "}[\\w-]+\\s*= .*"); i += step) {
                if (attribute.matcher(lines[i]).find() && lines[i].indexOf('=') == column) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int balance(String line) {
        String code = line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("#.*$", "");
        int open = (int) code.chars().filter(c -> c == '{' || c == '[' || c == '(').count();
        int close = (int) code.chars().filter(c -> c == '}' || c == ']' || c == ')').count();
        return open - close;
    }

    private Set<String> resourceTypes() {
        return blocks.stream().filter(b -> b.type().equals("resource")).map(b -> b.label(0)).collect(Collectors.toSet());
    }

    private Block resource(String type, String name) {
        return blocks.stream().filter(b -> b.type().equals("resource") && b.labels().equals(List.of(type, name)))
                .findFirst().orElseThrow(() -> new AssertionError("resource " + type + "." + name + " missing"));
    }

    private String variableDefault(String name) {
        return blocks.stream().filter(b -> b.type().equals("variable") && b.label(0).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("variable " + name + " missing"))
                .attributes().get("default").replace("\"", "");
    }

    private String local(String name) {
        return blocks.stream().filter(b -> b.type().equals("locals")).map(b -> b.attributes().get(name))
                .filter(v -> v != null).findFirst().orElseThrow(() -> new AssertionError("local " + name + " missing"));
    }

    private String localBlock(String name) {
        String body = blocks.stream().filter(b -> b.type().equals("locals")).map(Block::body).findFirst().orElseThrow();
        int start = body.indexOf(name);
        return body.substring(start, body.indexOf('}', start));
    }
}
