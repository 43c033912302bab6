# One user-assigned identity per service that calls Azure, trusted for exactly its Kubernetes ServiceAccount.
# The provisioner's identity has no Azure role today (it calls only the Kubernetes API); it exists so that the
# aks overlay's workload-identity wiring is the same for both services and a role can be granted without redeploying.
resource "azurerm_user_assigned_identity" "workload" {
  for_each = local.workload_identities

  name                = "id-${var.name}-${each.key}"
  location            = azurerm_resource_group.suite.location
  resource_group_name = azurerm_resource_group.suite.name
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "workload" {
  for_each = local.workload_identities

  name                = "aks-${each.value}"
  resource_group_name = azurerm_resource_group.suite.name
  parent_id           = azurerm_user_assigned_identity.workload[each.key].id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = azurerm_kubernetes_cluster.suite.oidc_issuer_url
  subject             = "system:serviceaccount:${var.suite_namespace}:${each.value}"
}
