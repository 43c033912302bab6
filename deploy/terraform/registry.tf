resource "azurerm_container_registry" "suite" {
  name                    = var.acr_name
  location                = azurerm_resource_group.suite.location
  resource_group_name     = azurerm_resource_group.suite.name
  sku                     = "Premium"
  admin_enabled           = false
  zone_redundancy_enabled = true
  tags                    = var.tags
}

# The kubelets pull the suite's images with the cluster's kubelet identity, no pull secret.
resource "azurerm_role_assignment" "kubelet_acr_pull" {
  scope                            = azurerm_container_registry.suite.id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.suite.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}
