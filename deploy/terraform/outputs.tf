# What deploy/kubernetes/overlays/aks needs (see its kustomization.yaml) and what the pipelines call.

output "resource_group_name" {
  value = azurerm_resource_group.suite.name
}

output "aks_name" {
  value = azurerm_kubernetes_cluster.suite.name
}

output "get_credentials_command" {
  value = "az aks get-credentials --resource-group ${azurerm_resource_group.suite.name} --name ${azurerm_kubernetes_cluster.suite.name}"
}

output "oidc_issuer_url" {
  value = azurerm_kubernetes_cluster.suite.oidc_issuer_url
}

output "acr_login_server" {
  description = "Registry of the aks overlay's images."
  value       = azurerm_container_registry.suite.login_server
}

output "key_vault_uri" {
  description = "Vault URL for SecretSync specs (spec.vault.url)."
  value       = azurerm_key_vault.suite.vault_uri
}

output "tenant_id" {
  value = data.azurerm_client_config.current.tenant_id
}

output "secrets_sync_identity_client_id" {
  description = "azure.workload.identity/client-id of ServiceAccount secrets-sync-service."
  value       = azurerm_user_assigned_identity.workload["secrets-sync"].client_id
}

output "provisioner_identity_client_id" {
  description = "azure.workload.identity/client-id of ServiceAccount provisioner-service."
  value       = azurerm_user_assigned_identity.workload["provisioner"].client_id
}
