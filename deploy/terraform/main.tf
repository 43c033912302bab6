data "azurerm_client_config" "current" {}

locals {
  zones = ["1", "2", "3"]

  # The ServiceAccounts (deploy/kubernetes/base) that call Azure with a federated token.
  workload_identities = {
    secrets-sync = "secrets-sync-service"
    provisioner  = "provisioner-service"
  }
}

resource "azurerm_resource_group" "suite" {
  name     = "rg-${var.name}"
  location = var.location
  tags     = var.tags
}

resource "azurerm_kubernetes_cluster" "suite" {
  name                      = "aks-${var.name}"
  location                  = azurerm_resource_group.suite.location
  resource_group_name       = azurerm_resource_group.suite.name
  dns_prefix                = var.name
  kubernetes_version        = var.kubernetes_version
  sku_tier                  = "Standard"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  local_account_disabled    = true
  tags                      = var.tags

  default_node_pool {
    name                        = "system"
    vm_size                     = var.system_vm_size
    zones                       = local.zones
    auto_scaling_enabled        = true
    min_count                   = 3
    max_count                   = 6
    temporary_name_for_rotation = "systemtmp"

    upgrade_settings {
      max_surge = "33%"
    }
  }

  identity {
    type = "SystemAssigned"
  }

  # Entra ID sign-in, Kubernetes RBAC for authorisation: the admin groups get cluster-admin, pipelines get the
  # RoleBinding of deploy/kubernetes/overlays/aks (pipeline-port-forward.yaml).
  azure_active_directory_role_based_access_control {
    tenant_id              = data.azurerm_client_config.current.tenant_id
    admin_group_object_ids = var.aks_admin_group_object_ids
    azure_rbac_enabled     = false
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
  }

  dynamic "key_vault_secrets_provider" {
    for_each = var.enable_key_vault_secrets_provider ? [1] : []

    content {
      secret_rotation_enabled = true
    }
  }
}

# AKS labels every node agentpool=<pool name>: ValkeyCluster's default nodeSelector {agentpool: valkey} selects
# this pool. No taint, so the StatefulSets the provisioner renders need no toleration.
resource "azurerm_kubernetes_cluster_node_pool" "valkey" {
  name                  = "valkey"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.suite.id
  mode                  = "User"
  vm_size               = var.valkey_vm_size
  zones                 = local.zones
  node_count            = var.valkey_node_count
  tags                  = var.tags

  upgrade_settings {
    # One node at a time: Valkey pods move one by one, within the PodDisruptionBudget.
    max_surge = "1"
  }
}
