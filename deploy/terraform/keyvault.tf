resource "azurerm_key_vault" "suite" {
  name                       = var.key_vault_name
  location                   = azurerm_resource_group.suite.location
  resource_group_name        = azurerm_resource_group.suite.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
  tags                       = var.tags
}

# secrets-sync reads secrets (and lists them, for find/dataFrom) and nothing else.
resource "azurerm_role_assignment" "secrets_sync_reads_secrets" {
  scope                = azurerm_key_vault.suite.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.workload["secrets-sync"].principal_id
  principal_type       = "ServicePrincipal"
}

# Whoever puts Valkey passwords into the vault (an operator, a pipeline's identity).
resource "azurerm_role_assignment" "secret_officers" {
  for_each = toset(var.key_vault_secret_officers)

  scope                = azurerm_key_vault.suite.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = each.value
}
