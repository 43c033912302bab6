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

# What secrets-sync's KeyVaultGateway calls: list secrets and versions (readMetadata), read values (getSecret) and,
# for generate-if-absent passwords, add a version (setSecret). Built-in "Key Vault Secrets User" cannot set;
# "Key Vault Secrets Officer" could also delete and purge, which the service never does.
resource "azurerm_role_definition" "secrets_sync" {
  name        = "${var.name} secrets-sync"
  scope       = azurerm_resource_group.suite.id
  description = "Read Key Vault secrets and add secret versions; no delete, purge, backup or restore."

  permissions {
    actions      = []
    data_actions = [
      "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
      "Microsoft.KeyVault/vaults/secrets/getSecret/action",
      "Microsoft.KeyVault/vaults/secrets/setSecret/action",
    ]
  }

  assignable_scopes = [azurerm_resource_group.suite.id]
}

resource "azurerm_role_assignment" "secrets_sync_secrets" {
  scope              = azurerm_key_vault.suite.id
  role_definition_id = azurerm_role_definition.secrets_sync.role_definition_resource_id
  principal_id       = azurerm_user_assigned_identity.workload["secrets-sync"].principal_id
  principal_type     = "ServicePrincipal"
}

# Whoever puts Valkey passwords into the vault (an operator, a pipeline's identity).
resource "azurerm_role_assignment" "secret_officers" {
  for_each = toset(var.key_vault_secret_officers)

  scope                = azurerm_key_vault.suite.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = each.value
}
